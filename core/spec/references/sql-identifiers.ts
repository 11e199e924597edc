/** SQL words and PostgreSQL functions a CHECK expression may use besides column names. */
const SQL_WORDS: ReadonlySet<string> = new Set([
  'and',
  'or',
  'not',
  'null',
  'is',
  'in',
  'like',
  'ilike',
  'similar',
  'to',
  'between',
  'true',
  'false',
  'unknown',
  'case',
  'when',
  'then',
  'else',
  'end',
  'distinct',
  'from',
  'any',
  'all',
  'some',
  'escape',
  'isnull',
  'notnull',
  'interval',
  'date',
  'time',
  'timestamp',
  'with',
  'without',
  'zone',
  'at',
  'cast',
  'as',
  'collate',
  'length',
  'char_length',
  'character_length',
  'octet_length',
  'lower',
  'upper',
  'coalesce',
  'nullif',
  'trim',
  'btrim',
  'ltrim',
  'rtrim',
  'leading',
  'trailing',
  'both',
  'abs',
  'round',
  'floor',
  'ceil',
  'ceiling',
  'trunc',
  'mod',
  'sign',
  'greatest',
  'least',
  'position',
  'substring',
  'substr',
  'left',
  'right',
  'replace',
  'strpos',
  'concat',
  'starts_with',
  'current_date',
  'current_timestamp',
  'localtimestamp',
  'now',
  'extract',
  'date_part',
  'date_trunc',
  'age',
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'epoch',
  'dow',
  'isodow',
  'num_nonnulls',
  'num_nulls',
  'array_length',
  'cardinality',
  'regexp_like',
  'jsonb_typeof',
]);

/** Types that may follow `::` in a cast. */
const SQL_TYPES: ReadonlySet<string> = new Set([
  'int',
  'integer',
  'bigint',
  'smallint',
  'numeric',
  'decimal',
  'real',
  'float',
  'double',
  'precision',
  'text',
  'varchar',
  'character',
  'varying',
  'char',
  'boolean',
  'bool',
  'date',
  'timestamp',
  'time',
  'interval',
  'jsonb',
  'json',
]);

/**
 * The column names an SQL boolean expression uses: identifiers that are neither SQL words, nor
 * functions, nor types after `::`; single-quoted strings, numbers and operators are skipped;
 * "quoted" identifiers count as columns. Lower-cased, in order of first use.
 */
export function sqlIdentifiers(sql: string): string[] {
  const columns: string[] = [];
  const token =
    /'(?:[^']|'')*'|"((?:[^"]|"")+)"|(::\s*)?([A-Za-z_][A-Za-z0-9_$]*)|\d+(?:\.\d+)?(?:e[+-]?\d+)?|\S/gi;
  for (let match = token.exec(sql); match !== null; match = token.exec(sql)) {
    const quoted = match[1];
    const word = match[3];
    if (quoted !== undefined) columns.push(quoted.replace(/""/g, '"'));
    if (word === undefined) continue;
    const lower = word.toLowerCase();
    if (match[2] !== undefined) {
      if (!SQL_TYPES.has(lower)) columns.push(lower);
      continue;
    }
    if (SQL_WORDS.has(lower) || SQL_TYPES.has(lower)) continue;
    columns.push(lower);
  }
  return [...new Set(columns)];
}
