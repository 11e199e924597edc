/** A value of SQL's three-valued logic: NULL is `null`. */
export type SqlValue = number | string | boolean | null;

/** The SQL functions the evaluator knows, by lower-cased name. */
export const FUNCTIONS: Record<string, (args: SqlValue[]) => SqlValue> = {
  length: ([a]) => (a === null || a === undefined ? null : String(a).length),
  char_length: ([a]) => (a === null || a === undefined ? null : String(a).length),
  lower: ([a]) => (a === null || a === undefined ? null : String(a).toLowerCase()),
  upper: ([a]) => (a === null || a === undefined ? null : String(a).toUpperCase()),
  trim: ([a]) => (a === null || a === undefined ? null : String(a).trim()),
  abs: ([a]) => (typeof a === 'number' ? Math.abs(a) : null),
  coalesce: (args) => args.find((arg) => arg !== null) ?? null,
};

/** A value as a truth value: NULL stays unknown. */
export function truth(value: SqlValue): boolean | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value;
  return Boolean(value);
}

/** SQL AND: FALSE wins over NULL. */
export function and(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}

/** SQL OR: TRUE wins over NULL. */
export function or(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}

/** Negative, zero or positive as in SQL; NULL when either side is NULL. */
export function compare(a: SqlValue, b: SqlValue): number | null {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** + - * / on numbers; NULL otherwise, and for a division by zero. */
export function arithmetic(op: string, a: SqlValue, b: SqlValue): SqlValue {
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
