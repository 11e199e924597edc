import type { SnapshotComparison } from '../../core/upgrade/upgrade-loss.js';
import type { SeededRecord } from './seed-records.js';

/** What the upgrade stage proved for one module: base installed, head updated over it, data compared. */
export interface ModuleUpgrade {
  module: string;
  /** Installed versions before and after the update (`ir_module_module.latest_version`). */
  fromVersion: string;
  toVersion: string;
  /** False when the update failed and rolled back: `comparison` then holds what the head's field types cannot take. */
  updated: boolean;
  comparison: SnapshotComparison;
}

export interface UpgradeResult {
  /** The base installed, the update logged no ERROR, and nothing was lost. */
  ok: boolean;
  series: string;
  modules: string[];
  /** Why the stage could not compare (the base did not install, the update failed), one line each. */
  errors: string[];
  /** ERROR/CRITICAL records of the update log, `line: logger: message` (first line of each). */
  updateErrors: string[];
  /** The records created on the base before the update (one per model), with the generated tests' values. */
  seeded: SeededRecord[];
  results: ModuleUpgrade[];
  /** The base install's log and the update's log. */
  installLog: string;
  updateLog: string;
  durationMs: number;
}

/** The result before anything ran: not ok, nothing compared. */
export function emptyUpgradeResult(series: string, modules: string[]): UpgradeResult {
  return {
    ok: false,
    series,
    modules,
    errors: [],
    updateErrors: [],
    seeded: [],
    results: [],
    installLog: '',
    updateLog: '',
    durationMs: 0,
  };
}
