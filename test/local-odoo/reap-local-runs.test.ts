import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createDatabase, dropDatabase, listDatabases } from '../../runner/local-odoo/local-postgres.js';
import { reapLocalRuns } from '../../runner/local-odoo/reap-local-runs.js';
import { localPostgresOrSkip } from '../support/local-postgres-or-skip.js';

test('runs of dead processes are reaped, runs of live ones are kept', { timeout: 60_000 }, async (t) => {
  // Only PostgreSQL is needed: the reaper drops databases and removes folders, no Odoo runs.
  const pg = await localPostgresOrSkip(t, 'the reaper of local runs drops their databases');
  if (!pg) return;
  const workDir = mkdtempSync(join(tmpdir(), 'forge-reap-'));
  // A process that has exited: its pid names a dead run.
  const deadPid = spawnSync('true').pid ?? 0;
  assert.ok(deadPid > 0);
  const dead = `forge_run_${deadPid}_reaptest`;
  const live = `forge_run_${process.pid}_reaptest`;
  t.after(async () => {
    await dropDatabase(pg, dead);
    await dropDatabase(pg, live);
    rmSync(workDir, { recursive: true, force: true });
  });
  await createDatabase(pg, dead);
  await createDatabase(pg, live);
  mkdirSync(join(workDir, 'runs', `${dead}-abc`), { recursive: true });
  mkdirSync(join(workDir, 'runs', `${live}-abc`), { recursive: true });

  const reaped = await reapLocalRuns(pg, workDir);

  assert.ok(reaped.includes(dead));
  assert.ok(!reaped.includes(live));
  const left = await listDatabases(pg, 'forge_run_');
  assert.ok(!left.includes(dead) && left.includes(live));
  assert.equal(existsSync(join(workDir, 'runs', `${dead}-abc`)), false);
  assert.equal(existsSync(join(workDir, 'runs', `${live}-abc`)), true);
});
