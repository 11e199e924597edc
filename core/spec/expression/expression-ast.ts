/**
 * The expression language of computed fields and Python constraints (ModuleSpec 1.1): a small,
 * Python-like language that is parsed and type-checked, never pasted into Python. Numbers,
 * 'strings', True/False, field paths (`room_id.capacity`), + - * /, comparisons, and/or/not,
 * parentheses and `a if condition else b`.
 */
export type BinaryOperator = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type ExpressionNode =
  | { kind: 'number'; value: number; text: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'boolean'; value: boolean; at: number }
  | { kind: 'path'; path: string[]; at: number }
  | { kind: 'not'; operand: ExpressionNode; at: number }
  | { kind: 'negate'; operand: ExpressionNode; at: number }
  | { kind: 'binary'; operator: BinaryOperator; left: ExpressionNode; right: ExpressionNode; at: number }
  | { kind: 'conditional'; condition: ExpressionNode; then: ExpressionNode; otherwise: ExpressionNode; at: number };

/** A problem in an expression, at a 1-based column of its text. */
export class ExpressionProblem extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}
