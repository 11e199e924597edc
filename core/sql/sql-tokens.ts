/** A token of a CHECK expression: a number, a quoted string, a (lower-cased) word or an operator. */
export type SqlToken =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'id'; value: string }
  | { kind: 'op'; value: string };

/** Splits a CHECK expression into tokens; `undefined` when a character is not understood. */
export function tokenize(source: string): SqlToken[] | undefined {
  const tokens: SqlToken[] = [];
  const pattern =
    /\s*(?:(\d+(?:\.\d+)?)|'((?:[^']|'')*)'|([A-Za-z_][A-Za-z0-9_]*)|(<>|!=|<=|>=|=|<|>|\(|\)|,|\+|-|\*|\/))/y;
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
