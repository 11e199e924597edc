import { ExpressionProblem, type BinaryOperator, type ExpressionNode } from './expression-ast.js';

type Token =
  | { kind: 'number'; text: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'name'; text: string; at: number }
  | { kind: 'operator'; text: string; at: number }
  | { kind: 'end'; at: number };

const KEYWORDS = new Set(['and', 'or', 'not', 'if', 'else', 'True', 'False']);
const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '(', ')'];

/** Parses an expression (see expression-ast.ts); throws an ExpressionProblem with its column. */
export function parseExpression(source: string): ExpressionNode {
  const parser = new Parser(tokenize(source));
  const node = parser.conditional();
  parser.expectEnd();
  return node;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(rest);
    const name = /^[A-Za-z_][A-Za-z0-9_]*(\.[a-z_][a-z0-9_]*)*/.exec(rest);
    if (number) {
      if (/^[A-Za-z_]/.test(rest.slice(number[0].length)))
        throw new ExpressionProblem(`${JSON.stringify(rest.split(/\s/)[0])} is neither a number nor a field`, i + 1);
      tokens.push({ kind: 'number', text: number[0], at: i + 1 });
      i += number[0].length;
    } else if (name) {
      tokens.push({ kind: 'name', text: name[0], at: i + 1 });
      i += name[0].length;
    } else if (rest[0] === "'" || rest[0] === '"') {
      const quote = rest[0];
      const end = rest.indexOf(quote, 1);
      if (end < 0) throw new ExpressionProblem(`the text starting here has no closing ${quote}`, i + 1);
      const value = rest.slice(1, end);
      if (value.includes('\\')) throw new ExpressionProblem('a text may not hold a backslash', i + 1);
      tokens.push({ kind: 'string', value, at: i + 1 });
      i += end + 1;
    } else {
      const operator = OPERATORS.find((candidate) => rest.startsWith(candidate));
      if (operator === undefined) {
        const hint = rest[0] === '=' ? ' (compare with ==)' : rest[0] === '&' || rest[0] === '|' ? ' (write and / or)' : '';
        throw new ExpressionProblem(`unexpected ${JSON.stringify(rest[0])}${hint}`, i + 1);
      }
      tokens.push({ kind: 'operator', text: operator, at: i + 1 });
      i += operator.length;
    }
  }
  tokens.push({ kind: 'end', at: source.length + 1 });
  return tokens;
}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.position] ?? { kind: 'end', at: 0 };
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return (token.kind === 'name' && token.text === word) || (token.kind === 'operator' && token.text === word);
  }

  private take(): Token {
    const token = this.peek();
    this.position += 1;
    return token;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') throw new ExpressionProblem(`unexpected ${describe(token)}: expected an operator or the end`, token.at);
  }

  conditional(): ExpressionNode {
    const then = this.or();
    if (!this.isWord('if')) return then;
    const at = this.take().at;
    const condition = this.or();
    if (!this.isWord('else')) throw new ExpressionProblem('`a if condition` needs `else b`', this.peek().at);
    this.take();
    const otherwise = this.conditional();
    return { kind: 'conditional', condition, then, otherwise, at };
  }

  private binaryLevel(words: readonly string[], next: () => ExpressionNode): ExpressionNode {
    let left = next();
    while (words.some((word) => this.isWord(word))) {
      const token = this.take() as { text: string; at: number };
      left = { kind: 'binary', operator: token.text as BinaryOperator, left, right: next(), at: token.at };
    }
    return left;
  }

  private or(): ExpressionNode {
    return this.binaryLevel(['or'], () => this.and());
  }

  private and(): ExpressionNode {
    return this.binaryLevel(['and'], () => this.not());
  }

  private not(): ExpressionNode {
    if (!this.isWord('not')) return this.comparison();
    const at = this.take().at;
    return { kind: 'not', operand: this.not(), at };
  }

  private comparison(): ExpressionNode {
    const left = this.additive();
    const token = this.peek();
    if (token.kind !== 'operator' || !COMPARISONS.has(token.text)) return left;
    this.take();
    const right = this.additive();
    const next = this.peek();
    if (next.kind === 'operator' && COMPARISONS.has(next.text))
      throw new ExpressionProblem('comparisons cannot be chained: write a < b and b < c', next.at);
    return { kind: 'binary', operator: token.text as BinaryOperator, left, right, at: token.at };
  }

  private additive(): ExpressionNode {
    return this.binaryLevel(['+', '-'], () => this.multiplicative());
  }

  private multiplicative(): ExpressionNode {
    return this.binaryLevel(['*', '/'], () => this.unary());
  }

  private unary(): ExpressionNode {
    if (!this.isWord('-')) return this.primary();
    const at = this.take().at;
    return { kind: 'negate', operand: this.unary(), at };
  }

  private primary(): ExpressionNode {
    const token = this.take();
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: Number(token.text), text: token.text, at: token.at };
      case 'string':
        return { kind: 'string', value: token.value, at: token.at };
      case 'name':
        if (token.text === 'True' || token.text === 'False')
          return { kind: 'boolean', value: token.text === 'True', at: token.at };
        if (KEYWORDS.has(token.text)) throw new ExpressionProblem(`unexpected ${token.text}: expected a value`, token.at);
        return { kind: 'path', path: token.text.split('.'), at: token.at };
      case 'operator':
        if (token.text === '(') {
          const inner = this.conditional();
          const close = this.take();
          if (close.kind !== 'operator' || close.text !== ')')
            throw new ExpressionProblem(`expected ) to close the ( at column ${token.at}`, close.at);
          return inner;
        }
        throw new ExpressionProblem(`unexpected ${token.text}: expected a value`, token.at);
      case 'end':
        throw new ExpressionProblem('the expression ends too early: expected a value', token.at);
    }
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'number':
      return token.text;
    case 'string':
      return JSON.stringify(token.value);
    case 'name':
    case 'operator':
      return token.text;
    case 'end':
      return 'end';
  }
}
