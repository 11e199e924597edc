import { parseLogRecords, secondsBetween } from '../odoo/parse-log-records.js';

/** What the log says about one module's tests: how many started, and how long its part took. */
export interface ModuleFigures {
  testsRun: number;
  /** From the module's `Loading module` record to its last record (undefined when none). */
  seconds?: number;
}

const STARTING = /^Starting \S+ \.\.\.$/;

/** Counts each module's `Starting Class.test ...` records and times its records, in one pass. */
export function moduleFigures(log: string, modules: readonly string[]): Map<string, ModuleFigures> {
  const { records } = parseLogRecords(log);
  const figures = new Map<string, { testsRun: number; first?: string; last?: string }>();
  for (const module of modules) figures.set(module, { testsRun: 0 });
  for (const record of records) {
    const fromLogger = /^odoo\.addons\.(\w+)[.]/.exec(`${record.logger}.`)?.[1];
    const loading = /^Loading module (\w+) /.exec(record.message)?.[1];
    const module = fromLogger && figures.has(fromLogger) ? fromLogger : loading;
    const entry = module ? figures.get(module) : undefined;
    if (!entry) continue;
    entry.first ??= record.time;
    entry.last = record.time;
    if (fromLogger === module && STARTING.test(record.message)) entry.testsRun += 1;
  }
  const out = new Map<string, ModuleFigures>();
  for (const [module, entry] of figures) {
    const seconds = entry.first && entry.last ? secondsBetween(entry.first, entry.last) : undefined;
    out.set(module, { testsRun: entry.testsRun, ...(seconds === undefined ? {} : { seconds }) });
  }
  return out;
}
