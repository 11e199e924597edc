import type { SqlToken } from './sql-tokens.js';
import { and, arithmetic, compare, FUNCTIONS, or, truth, type SqlValue } from './sql-values.js';

/** A compiled expression: the value for one row of column values. */
export type SqlExpr = (row: Record<string, SqlValue>) => SqlValue;

/** Thrown inside the parser when the SQL is outside the supported subset; never escapes it. */
class UnsupportedSql extends Error {}

const COMPARISONS = ['=', '<>', '!=', '<', '<=', '>', '>='];
/** Words that start SQL the evaluator does not know (a column may not be named so). */
const UNSUPPORTED_WORDS = ['and', 'or', 'not', 'is', 'in', 'between', 'like', 'ilike', 'case', 'select'];

/**
 * A recursive-descent parser of the CHECK subset, by precedence from loosest to tightest:
 * OR, AND, NOT, comparison (IS NULL, IN, BETWEEN, = <> < …), + -, * /, unary minus, primary.
 */
export class SqlCheckParser {
  private pos = 0;
  private readonly columns = new Set<string>();

  constructor(private readonly tokens: readonly SqlToken[]) {}

  /** The whole expression and the columns it reads, or undefined when it is not understood. */
  parseAll(): { evaluate: SqlExpr; columns: string[] } | undefined {
    try {
      const evaluate = this.parseOr();
      if (this.pos !== this.tokens.length) return undefined;
      return { evaluate, columns: [...this.columns] };
    } catch (error) {
      if (error instanceof UnsupportedSql) return undefined;
      throw error;
    }
  }

  private parseOr(): SqlExpr {
    let left = this.parseAnd();
    while (this.takeWord('or')) {
      const [l, r] = [left, this.parseAnd()];
      left = (row) => or(truth(l(row)), truth(r(row)));
    }
    return left;
  }

  private parseAnd(): SqlExpr {
    let left = this.parseNot();
    while (this.takeWord('and')) {
      const [l, r] = [left, this.parseNot()];
      left = (row) => and(truth(l(row)), truth(r(row)));
    }
    return left;
  }

  private parseNot(): SqlExpr {
    if (!this.takeWord('not')) return this.parseComparison();
    const inner = this.parseNot();
    return (row) => {
      const value = truth(inner(row));
      return value === null ? null : !value;
    };
  }

  private parseComparison(): SqlExpr {
    const left = this.parseSum();
    if (this.takeWord('is')) return this.parseIsNull(left);
    const negate = this.isWord('not') && (this.isWord('in', 1) || this.isWord('between', 1));
    if (negate) this.pos += 1;
    if (this.takeWord('in')) return this.parseInList(left, negate);
    if (this.takeWord('between')) return this.parseBetween(left, negate);
    const token = this.peek();
    if (token?.kind === 'op' && COMPARISONS.includes(token.value)) {
      this.pos += 1;
      return comparison(token.value, left, this.parseSum());
    }
    return left;
  }

  /** `left IS [NOT] NULL`, after IS. */
  private parseIsNull(left: SqlExpr): SqlExpr {
    const negate = this.takeWord('not');
    if (!this.takeWord('null')) return unsupported();
    return (row) => (left(row) === null) !== negate;
  }

  /** `left [NOT] IN (a, b, …)`, after IN. */
  private parseInList(left: SqlExpr, negate: boolean): SqlExpr {
    const items = this.parseArguments();
    return (row) => {
      const value = left(row);
      if (value === null) return null;
      const found = items.some((item) => compare(value, item(row)) === 0);
      return negate ? !found : found;
    };
  }

  /** `left [NOT] BETWEEN low AND high`, after BETWEEN. */
  private parseBetween(left: SqlExpr, negate: boolean): SqlExpr {
    const low = this.parseSum();
    if (!this.takeWord('and')) return unsupported();
    const high = this.parseSum();
    return (row) => {
      const value = left(row);
      const a = compare(value, low(row));
      const b = compare(value, high(row));
      if (a === null || b === null) return null;
      const inside = a >= 0 && b <= 0;
      return negate ? !inside : inside;
    };
  }

  private parseSum(): SqlExpr {
    return this.parseBinary(['+', '-'], () => this.parseProduct());
  }

  private parseProduct(): SqlExpr {
    return this.parseBinary(['*', '/'], () => this.parseUnary());
  }

  /** A left-associative chain of the arithmetic operators `ops` over `operand`s. */
  private parseBinary(ops: readonly string[], operand: () => SqlExpr): SqlExpr {
    let left = operand();
    for (let op = this.takeOp(ops); op !== undefined; op = this.takeOp(ops)) {
      const [l, r, o] = [left, operand(), op];
      left = (row) => arithmetic(o, l(row), r(row));
    }
    return left;
  }

  private parseUnary(): SqlExpr {
    if (this.takeOp(['-']) === undefined) return this.parsePrimary();
    const inner = this.parseUnary();
    return (row) => {
      const value = inner(row);
      return typeof value === 'number' ? -value : null;
    };
  }

  /** A literal, a parenthesized expression, a function call or a column. */
  private parsePrimary(): SqlExpr {
    const token = this.peek();
    if (!token) return unsupported();
    this.pos += 1;
    if (token.kind === 'num' || token.kind === 'str') {
      const value = token.value;
      return () => value;
    }
    if (token.kind === 'op' && token.value === '(') {
      const inner = this.parseOr();
      this.expect(')');
      return inner;
    }
    if (token.kind !== 'id') return unsupported();
    return this.parseWord(token.value);
  }

  /** After a word: NULL, TRUE, FALSE, a known function's call, or a column name. */
  private parseWord(word: string): SqlExpr {
    if (word === 'null') return () => null;
    if (word === 'true') return () => true;
    if (word === 'false') return () => false;
    const fn = FUNCTIONS[word];
    if (fn && this.isOp('(')) {
      const args = this.parseArguments();
      return (row) => fn(args.map((arg) => arg(row)));
    }
    if (UNSUPPORTED_WORDS.includes(word)) return unsupported();
    this.columns.add(word);
    return (row) => (word in row ? (row[word] ?? null) : null);
  }

  /** `(a, b, …)`: one or more expressions in parentheses. */
  private parseArguments(): SqlExpr[] {
    this.expect('(');
    const items: SqlExpr[] = [this.parseSum()];
    while (this.takeOp([',']) !== undefined) items.push(this.parseSum());
    this.expect(')');
    return items;
  }

  private peek(offset = 0): SqlToken | undefined {
    return this.tokens[this.pos + offset];
  }

  private isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.kind === 'id' && token.value === word;
  }

  private takeWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.pos += 1;
    return true;
  }

  private isOp(op: string): boolean {
    const token = this.peek();
    return token?.kind === 'op' && token.value === op;
  }

  /** The next token when it is one of `ops` (consumed), else undefined. */
  private takeOp(ops: readonly string[]): string | undefined {
    const token = this.peek();
    if (token?.kind !== 'op' || !ops.includes(token.value)) return undefined;
    this.pos += 1;
    return token.value;
  }

  private expect(op: string): void {
    if (!this.isOp(op)) unsupported();
    this.pos += 1;
  }
}

function unsupported(): never {
  throw new UnsupportedSql('unsupported SQL');
}

/** `left op right` for a comparison operator, NULL when either side is NULL. */
function comparison(op: string, left: SqlExpr, right: SqlExpr): SqlExpr {
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
