/**
 * Evaluates a CHECK constraint's SQL expression for given column values, with SQL's
 * three-valued logic (a CHECK passes when the result is TRUE or NULL). Supports the subset
 * people write in specs: comparisons, AND/OR/NOT, IS [NOT] NULL, IN (…), BETWEEN, + - * /,
 * parentheses, literals and a few functions. Used to pick values that satisfy or violate a
 * constraint in generated tests; `undefined` means "not understood" and the caller skips.
 */
import { SqlCheckParser, type SqlExpr } from './sql-check-parser.js';
import { tokenize } from './sql-tokens.js';

export { checkPasses, type SqlValue } from './sql-values.js';

/** Compiles an expression; `undefined` when it uses SQL this evaluator does not know. */
export function compileSqlCheck(source: string): { evaluate: SqlExpr; columns: string[] } | undefined {
  const tokens = tokenize(source);
  if (!tokens) return undefined;
  return new SqlCheckParser(tokens).parseAll();
}
