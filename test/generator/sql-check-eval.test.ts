import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPasses, compileSqlCheck, type SqlValue } from '../../core/sql/sql-check-eval.js';

/** Evaluates `sql` for `row`; fails the test when the expression is not understood. */
function evaluate(sql: string, row: Record<string, SqlValue> = {}): SqlValue {
  const compiled = compileSqlCheck(sql);
  assert.ok(compiled, `${sql} should be understood`);
  return compiled.evaluate(row);
}

describe('compileSqlCheck: the SQL subset of CHECK constraints', () => {
  it('compares numbers, texts and dates, and lists the columns it reads', () => {
    assert.equal(evaluate('pages >= 0', { pages: 0 }), true);
    assert.equal(evaluate('pages >= 0', { pages: -1 }), false);
    assert.equal(evaluate("code <> 'x'", { code: 'x' }), false);
    assert.equal(evaluate("code != 'x'", { code: 'y' }), true);
    assert.equal(evaluate('date_due >= date_out', { date_due: '2024-01-10', date_out: '2024-01-01' }), true);
    assert.equal(evaluate('date_due >= date_out', { date_due: '2023-12-31', date_out: '2024-01-01' }), false);
    assert.deepEqual(compileSqlCheck('date_due IS NULL OR date_due >= date_out')?.columns, [
      'date_due',
      'date_out',
    ]);
  });

  it('follows three-valued logic: NULL compares to NULL, AND/OR/NOT as in SQL', () => {
    assert.equal(evaluate('pages >= 0', { pages: null }), null);
    assert.equal(evaluate('pages >= 0'), null, 'a missing column is NULL');
    assert.equal(evaluate('pages >= 0 AND pages < 10', { pages: null }), null);
    assert.equal(evaluate('pages >= 0 AND 1 = 0', { pages: null }), false, 'NULL AND FALSE is FALSE');
    assert.equal(evaluate('pages >= 0 OR 1 = 1', { pages: null }), true, 'NULL OR TRUE is TRUE');
    assert.equal(evaluate('pages >= 0 OR 1 = 0', { pages: null }), null, 'NULL OR FALSE is NULL');
    assert.equal(evaluate('NOT (pages >= 0)', { pages: null }), null, 'NOT NULL is NULL');
    assert.equal(evaluate('NOT pages >= 0', { pages: -1 }), true);
  });

  it('lets a CHECK pass on TRUE and NULL, and fail only on FALSE', () => {
    assert.equal(checkPasses(true), true);
    assert.equal(checkPasses(null), true);
    assert.equal(checkPasses(false), false);
    assert.equal(checkPasses(evaluate('pages > 0', { pages: null })), true);
  });

  it('evaluates IS [NOT] NULL without NULL results', () => {
    assert.equal(evaluate('a IS NULL', { a: null }), true);
    assert.equal(evaluate('a IS NULL', { a: 0 }), false);
    assert.equal(evaluate('a IS NOT NULL', { a: null }), false);
    assert.equal(evaluate('a IS NOT NULL', { a: '' }), true);
  });

  it('evaluates BETWEEN (inclusive) and NOT BETWEEN, NULL when an operand is NULL', () => {
    assert.equal(evaluate('x BETWEEN 1 AND 10', { x: 1 }), true);
    assert.equal(evaluate('x BETWEEN 1 AND 10', { x: 10 }), true);
    assert.equal(evaluate('x BETWEEN 1 AND 10', { x: 11 }), false);
    assert.equal(evaluate('x NOT BETWEEN 1 AND 10', { x: 11 }), true);
    assert.equal(evaluate('x BETWEEN 1 AND 10', { x: null }), null);
    assert.equal(
      evaluate('x BETWEEN 1 AND 10 AND y = 2', { x: 5, y: 2 }),
      true,
      'the AND of BETWEEN is not the boolean AND',
    );
  });

  it('evaluates IN and NOT IN lists, NULL for a NULL value', () => {
    assert.equal(evaluate("state IN ('draft', 'done')", { state: 'done' }), true);
    assert.equal(evaluate("state IN ('draft', 'done')", { state: 'lent' }), false);
    assert.equal(evaluate("state NOT IN ('draft', 'done')", { state: 'lent' }), true);
    assert.equal(evaluate("state IN ('draft')", { state: null }), null);
    assert.equal(evaluate('n IN (1, 2, 3)', { n: 2 }), true);
  });

  it('computes arithmetic, unary minus, parentheses and a few functions', () => {
    assert.equal(evaluate('a + b * 2 = 7', { a: 1, b: 3 }), true);
    assert.equal(evaluate('(a + b) * 2 = 8', { a: 1, b: 3 }), true);
    assert.equal(evaluate('-a < 0', { a: 3 }), true);
    assert.equal(
      evaluate('a / b > 1', { a: 1, b: 0 }),
      null,
      'division by zero is NULL here, not an exception',
    );
    assert.equal(evaluate('a - b >= 0', { a: null, b: 1 }), null);
    assert.equal(evaluate('length(name) > 2', { name: 'abc' }), true);
    assert.equal(evaluate('char_length(name) > 2', { name: 'ab' }), false);
    assert.equal(evaluate("lower(code) = 'ab'", { code: 'AB' }), true);
    assert.equal(evaluate("upper(trim(code)) = 'AB'", { code: ' ab ' }), true);
    assert.equal(evaluate('abs(x) <= 5', { x: -5 }), true);
    assert.equal(evaluate('coalesce(x, 0) >= 0', { x: null }), true);
  });

  it('reads keywords in any case, quoted strings with doubled quotes, TRUE/FALSE/NULL literals', () => {
    assert.equal(evaluate('x is not null and X > 1', { x: 2 }), true);
    assert.equal(evaluate("name <> 'it''s'", { name: "it's" }), false);
    assert.equal(evaluate('active = TRUE', { active: true }), true);
    assert.equal(evaluate('active = false', { active: true }), false);
    assert.equal(evaluate('x = NULL', { x: 1 }), null, 'comparing with NULL is NULL');
  });

  it('answers undefined for SQL it does not understand, so the caller skips', () => {
    for (const sql of [
      "name LIKE 'a%'",
      "name ILIKE '%x%'",
      'CASE WHEN a THEN 1 ELSE 0 END = 1',
      'a IN (SELECT 1)',
      'x::int > 0',
      "name ~ '^[A-Z]'",
      'pages >= ',
      '(pages >= 0',
      'pages >= 0)',
      'a IS 1',
      'x BETWEEN 1',
      'unknown_function(x) > 0 AND',
      '',
    ]) {
      assert.equal(compileSqlCheck(sql), undefined, sql);
    }
  });
});
