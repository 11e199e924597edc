import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { dropDatabase, listDatabases, type LocalPostgres } from './local-postgres.js';

export const RUN_PREFIX = 'forge_run_';

/**
 * Removes what runs of dead processes left behind (a run killed before its clean-up): every
 * `forge_run_<pid>_…` database and `<workDir>/runs/forge_run_<pid>_…` folder whose process no
 * longer exists on this machine. Runs of live processes are left alone.
 */
export async function reapLocalRuns(pg: LocalPostgres, workDir: string): Promise<string[]> {
  const reaped: string[] = [];
  for (const name of await listDatabases(pg, RUN_PREFIX)) {
    if (ownerIsDead(name)) {
      await dropDatabase(pg, name);
      reaped.push(name);
    }
  }
  const runsDir = join(workDir, 'runs');
  if (existsSync(runsDir)) {
    for (const entry of readdirSync(runsDir)) {
      if (entry.startsWith(RUN_PREFIX) && ownerIsDead(entry)) {
        rmSync(join(runsDir, entry), { recursive: true, force: true });
        reaped.push(join(runsDir, entry));
      }
    }
  }
  return reaped;
}

function ownerIsDead(name: string): boolean {
  const pid = Number(/^forge_run_(\d+)_/.exec(name)?.[1]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
