import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compareSnapshots } from '../../core/upgrade/compare-snapshots.js';
import type { DatabaseSnapshot } from '../../core/upgrade/database-snapshot.js';
import { retypeLosses } from '../../core/upgrade/retype-losses.js';
import type { TestReport } from '../odoo/test-report.js';
import { readHeadFieldTypes } from './read-head-field-types.js';
import type { ModuleUpgrade, UpgradeResult } from './upgrade-result.js';

/** The update log's errors, one line each: what `UpgradeResult.updateErrors` lists. */
export function updateErrorLines(report: TestReport): string[] {
  return [
    ...report.installErrors.map((e) => `${e.logger}: ${firstLine(e.message)}`),
    ...report.serverErrors.map((r) => `line ${r.line}: ${r.logger}: ${firstLine(r.message)}`),
  ];
}

/** The first error of an Odoo run's log, on one line, for a stage's message. */
export function firstError(report: TestReport): string {
  const error = report.installErrors[0] ?? report.serverErrors[0];
  return error ? firstLine(error.message) : 'no error in the log; see the log';
}

/**
 * After a failed update (Odoo rolled it back: the base data is still there): per module, the
 * base values that the head's field types cannot take.
 */
export function lossesOfFailedUpdate(
  modules: readonly string[],
  before: readonly DatabaseSnapshot[],
  headDirs: readonly string[],
  python?: string,
): Promise<ModuleUpgrade[]> {
  return Promise.all(
    modules.map(async (module, i): Promise<ModuleUpgrade> => {
      const base = before[i];
      if (!base) throw new Error(`no snapshot of ${module}`);
      const losses = retypeLosses(base, await readHeadFieldTypes(addonDir(headDirs, module), python));
      const comparison = { losses, carried: [], survived: { models: 0, records: 0, values: 0 } };
      return { module, fromVersion: base.version, toVersion: base.version, updated: false, comparison };
    }),
  );
}

/** After an update: per module, what survived, what was carried and what was lost. */
export function compareUpdate(
  modules: readonly string[],
  before: readonly DatabaseSnapshot[],
  after: readonly DatabaseSnapshot[],
): ModuleUpgrade[] {
  return modules.map((module, i): ModuleUpgrade => {
    const base = before[i];
    const head = after[i];
    if (!base || !head) throw new Error(`no snapshot of ${module}`);
    return {
      module,
      fromVersion: base.version,
      toVersion: head.version,
      updated: true,
      comparison: compareSnapshots(base, head),
    };
  });
}

/** The verdict: no error, a clean update log, and nothing lost. */
export function upgradeOk(result: UpgradeResult): boolean {
  return (
    result.errors.length === 0 &&
    result.updateErrors.length === 0 &&
    result.results.every((r) => r.comparison.losses.length === 0)
  );
}

/** The folder of `module` in the first of `dirs` that holds it (the addons path's order). */
function addonDir(dirs: readonly string[], module: string): string {
  const found = dirs.map((dir) => join(dir, module)).find((dir) => existsSync(join(dir, '__manifest__.py')));
  return found ?? join(dirs[0] ?? '.', module);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
