import type { LogRecord, TestReport } from './test-report.js';

export interface AttributionOptions {
  /**
   * Model names the modules define or extend (`library.book`). Generic warnings often name a
   * model, not the module (`Two fields (a, b) of library.book() have the same label`).
   */
  models?: readonly string[];
}

/** The first of `modules` that `record` is about: its own logger, or its text names it. */
export function moduleNamedBy(
  record: Pick<LogRecord, 'logger' | 'message'>,
  modules: readonly string[],
): string | undefined {
  for (const module of modules) {
    if (record.logger === `odoo.addons.${module}` || record.logger.startsWith(`odoo.addons.${module}.`))
      return module;
  }
  for (const module of modules) {
    if (mentions(record.message, module, false)) return module;
  }
  return undefined;
}

/** Records attributable to one of `modules` (by the parser, by logger, by name, or by model). */
export function recordsForModules(
  records: readonly LogRecord[],
  modules: readonly string[],
  options: AttributionOptions = {},
): LogRecord[] {
  const models = options.models ?? [];
  return records.filter(
    (record) =>
      (record.module !== undefined && modules.includes(record.module)) ||
      moduleNamedBy(record, modules) !== undefined ||
      models.some((model) => mentions(record.message, model, true)),
  );
}

/** The report's WARNING records attributable to one of `modules`. */
export function warningsForModules(
  report: TestReport,
  modules: readonly string[],
  options: AttributionOptions = {},
): LogRecord[] {
  return recordsForModules(report.warnings, modules, options);
}

const WORD_CHAR = /[A-Za-z0-9_]/;

/**
 * True when `text` names `word` as a whole name. Both may be followed by a dotted name
 * (`library_loans.access_book`, the field `library.book.title`); a model name may not be the
 * tail of a longer dotted name (`x.library.book`).
 */
function mentions(text: string, word: string, dotted: boolean): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(word, from);
    if (at < 0) return false;
    const before = text[at - 1] ?? ' ';
    const after = text[at + word.length] ?? ' ';
    const wordBefore = WORD_CHAR.test(before) || (dotted && before === '.');
    if (!wordBefore && !WORD_CHAR.test(after)) return true;
    from = at + 1;
  }
}
