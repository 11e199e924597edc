/**
 * Evaluates a CHECK constraint's SQL expression for given column values, with SQL's
 * three-valued logic (a CHECK passes when the result is TRUE or NULL). Supports the subset
 * people write in specs: comparisons, AND/OR/NOT, IS [NOT] NULL, IN (…), BETWEEN, + - * /,
 * parentheses, literals and a few functions. Used to pick values that satisfy or violate a
 * constraint in generated tests; `undefined` means "not understood" and the caller skips.
 */
export type SqlValue = number | string | boolean | null;
type Token = { kind: 'num'; value: number } | { kind: 'str'; value: string } | { kind: 'id'; value: string } | { kind: 'op'; value: string };

type Expr = (row: Record<string, SqlValue>) => SqlValue;

const FUNCTIONS: Record<string, (args: SqlValue[]) => SqlValue> = {
  length: ([a]) => (a === null || a === undefined ? null : String(a).length),
  char_length: ([a]) => (a === null || a === undefined ? null : String(a).length),
  lower: ([a]) => (a === null || a === undefined ? null : String(a).toLowerCase()),
  upper: ([a]) => (a === null || a === undefined ? null : String(a).toUpperCase()),
  trim: ([a]) => (a === null || a === undefined ? null : String(a).trim()),
  abs: ([a]) => (typeof a === 'number' ? Math.abs(a) : null),
  coalesce: (args) => args.find((arg) => arg !== null) ?? null,
};

function tokenize(source: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?)|'((?:[^']|'')*)'|([A-Za-z_][A-Za-z0-9_]*)|(<>|!=|<=|>=|=|<|>|\(|\)|,|\+|-|\*|\/))/y;
  let index = 0;
  while (index < source.length) {
    if (/^\s*$/.test(source.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(source);
    if (!match) return undefined;
    index = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'num', value: Number(match[1]) });
    else if (match[2] !== undefined) tokens.push({ kind: 'str', value: match[2].replace(/''/g, "'") });
    else if (match[3] !== undefined) tokens.push({ kind: 'id', value: match[3].toLowerCase() });
    else if (match[4] !== undefined) tokens.push({ kind: 'op', value: match[4] });
  }
  return tokens;
}

/** Compiles an expression; `undefined` when it uses SQL this evaluator does not know. */
export function compileSqlCheck(source: string): { evaluate: Expr; columns: string[] } | undefined {
  const tokens = tokenize(source);
  if (!tokens) return undefined;
  const columns = new Set<string>();
  let pos = 0;
  const peek = (offset = 0): Token | undefined => tokens[pos + offset];
  const isWord = (word: string, offset = 0): boolean => {
    const token = peek(offset);
    return token?.kind === 'id' && token.value === word;
  };
  const isOp = (op: string): boolean => {
    const token = peek();
    return token?.kind === 'op' && token.value === op;
  };
  const fail = (): never => {
    throw new Error('unsupported');
  };
  const expect = (op: string): void => {
    if (!isOp(op)) fail();
    pos += 1;
  };

  const parseOr = (): Expr => {
    let left = parseAnd();
    while (isWord('or')) {
      pos += 1;
      const l = left;
      const r = parseAnd();
      left = (row) => or(truth(l(row)), truth(r(row)));
    }
    return left;
  };
  const parseAnd = (): Expr => {
    let left = parseNot();
    while (isWord('and')) {
      pos += 1;
      const l = left;
      const r = parseNot();
      left = (row) => and(truth(l(row)), truth(r(row)));
    }
    return left;
  };
  const parseNot = (): Expr => {
    if (isWord('not')) {
      pos += 1;
      const inner = parseNot();
      return (row) => {
        const value = truth(inner(row));
        return value === null ? null : !value;
      };
    }
    return parseComparison();
  };
  const parseComparison = (): Expr => {
    const left = parseSum();
    if (isWord('is')) {
      pos += 1;
      const negate = isWord('not');
      if (negate) pos += 1;
      if (!isWord('null')) fail();
      pos += 1;
      return (row) => (left(row) === null) !== negate;
    }
    const negate = isWord('not') && (isWord('in', 1) || isWord('between', 1));
    if (negate) pos += 1;
    if (isWord('in')) {
      pos += 1;
      expect('(');
      const items: Expr[] = [parseSum()];
      while (isOp(',')) {
        pos += 1;
        items.push(parseSum());
      }
      expect(')');
      return (row) => {
        const value = left(row);
        if (value === null) return null;
        const found = items.some((item) => compare(value, item(row)) === 0);
        return negate ? !found : found;
      };
    }
    if (isWord('between')) {
      pos += 1;
      const low = parseSum();
      if (!isWord('and')) fail();
      pos += 1;
      const high = parseSum();
      return (row) => {
        const value = left(row);
        const a = compare(value, low(row));
        const b = compare(value, high(row));
        if (a === null || b === null) return null;
        const inside = a >= 0 && b <= 0;
        return negate ? !inside : inside;
      };
    }
    const token = peek();
    if (token?.kind === 'op' && ['=', '<>', '!=', '<', '<=', '>', '>='].includes(token.value)) {
      pos += 1;
      const right = parseSum();
      const op = token.value;
      return (row) => {
        const c = compare(left(row), right(row));
        if (c === null) return null;
        if (op === '=') return c === 0;
        if (op === '<>' || op === '!=') return c !== 0;
        if (op === '<') return c < 0;
        if (op === '<=') return c <= 0;
        if (op === '>') return c > 0;
        return c >= 0;
      };
    }
    return left;
  };
  const parseSum = (): Expr => {
    let left = parseProduct();
    while (isOp('+') || isOp('-')) {
      const op = (peek() as Token).value;
      pos += 1;
      const l = left;
      const r = parseProduct();
      left = (row) => arithmetic(op as string, l(row), r(row));
    }
    return left;
  };
  const parseProduct = (): Expr => {
    let left = parseUnary();
    while (isOp('*') || isOp('/')) {
      const op = (peek() as Token).value;
      pos += 1;
      const l = left;
      const r = parseUnary();
      left = (row) => arithmetic(op as string, l(row), r(row));
    }
    return left;
  };
  const parseUnary = (): Expr => {
    if (isOp('-')) {
      pos += 1;
      const inner = parseUnary();
      return (row) => {
        const value = inner(row);
        return typeof value === 'number' ? -value : null;
      };
    }
    return parsePrimary();
  };
  const parsePrimary = (): Expr => {
    const token = peek();
    if (!token) return fail();
    pos += 1;
    if (token.kind === 'num' || token.kind === 'str') {
      const value = token.value;
      return () => value;
    }
    if (token.kind === 'op' && token.value === '(') {
      const inner = parseOr();
      expect(')');
      return inner;
    }
    if (token.kind !== 'id') return fail();
    if (token.value === 'null') return () => null;
    if (token.value === 'true') return () => true;
    if (token.value === 'false') return () => false;
    const fn = FUNCTIONS[token.value];
    if (fn && isOp('(')) {
      pos += 1;
      const args: Expr[] = [parseSum()];
      while (isOp(',')) {
        pos += 1;
        args.push(parseSum());
      }
      expect(')');
      return (row) => fn(args.map((arg) => arg(row)));
    }
    if (['and', 'or', 'not', 'is', 'in', 'between', 'like', 'ilike', 'case', 'select'].includes(token.value)) return fail();
    const name = token.value;
    columns.add(name);
    return (row) => (name in row ? (row[name] ?? null) : null);
  };

  try {
    const evaluate = parseOr();
    if (pos !== tokens.length) return undefined;
    return { evaluate, columns: [...columns] };
  } catch {
    return undefined;
  }
}

function truth(value: SqlValue): boolean | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value;
  return Boolean(value);
}

function and(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}

function or(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}

function compare(a: SqlValue, b: SqlValue): number | null {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function arithmetic(op: string, a: SqlValue, b: SqlValue): SqlValue {
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  if (op === '+') return a + b;
  if (op === '-') return a - b;
  if (op === '*') return a * b;
  return b === 0 ? null : a / b;
}

/** A CHECK constraint passes unless the expression is FALSE. */
export function checkPasses(result: SqlValue): boolean {
  return truth(result) !== false;
}
