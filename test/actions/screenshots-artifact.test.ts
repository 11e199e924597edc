import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { keepScreenshots } from '../../actions/test/src/screenshots.js';
import { silentLogger } from '../../runner/logger.js';
import type { PrReport } from '../../runner/report/pr-report.js';
import { startFakeArtifactService } from './support/fake-artifact-service.js';

const report = { series: [{ browser: { conclusion: 'success' } }] } as unknown as PrReport;

test('the screenshots go up as the artifact odoo-forge-screenshots through @actions/artifact (results service and blob upload), zipped with their names', async (t) => {
  // Arrange: two screenshots, the fake results service in ACTIONS_RESULTS_URL/ACTIONS_RUNTIME_TOKEN.
  const workDir = mkdtempSync(join(tmpdir(), 'forge-artifact-'));
  const service = await startFakeArtifactService();
  const saved = { url: process.env.ACTIONS_RESULTS_URL, token: process.env.ACTIONS_RUNTIME_TOKEN };
  process.env.ACTIONS_RESULTS_URL = service.url;
  process.env.ACTIONS_RUNTIME_TOKEN = service.token;
  t.after(async () => {
    for (const [key, value] of [
      ['ACTIONS_RESULTS_URL', saved.url],
      ['ACTIONS_RUNTIME_TOKEN', saved.token],
    ] as const)
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    await service.close();
    rmSync(workDir, { recursive: true, force: true });
  });
  const shots = join(workDir, 'screenshots', '18.0');
  mkdirSync(shots, { recursive: true });
  writeFileSync(join(shots, 'admin-library-books-list.png'), Buffer.alloc(2048, 7));
  writeFileSync(join(shots, 'librarian-library-books-form.png'), Buffer.alloc(1024, 9));

  // Act
  const kept = await keepScreenshots(report, workDir, process.env, silentLogger);

  // Assert: the action says where they are, and the service got one finalized zip holding both.
  assert.deepEqual(kept, {
    artifact: 'odoo-forge-screenshots',
    folder: join(workDir, 'screenshots'),
    note: '2 screenshot(s) in the artifact odoo-forge-screenshots.',
  });
  assert.equal(service.artifacts.length, 1);
  const artifact = service.artifacts[0];
  assert.equal(artifact?.name, 'odoo-forge-screenshots');
  const zip = artifact?.zip ?? Buffer.alloc(0);
  assert.equal(zip.subarray(0, 4).toString('hex'), '504b0304', 'a zip (local file header)');
  for (const name of ['18.0/admin-library-books-list.png', '18.0/librarian-library-books-form.png'])
    assert.ok(zip.includes(Buffer.from(name)), `${name} is in the zip`);
  assert.deepEqual(artifact?.finalized, {
    size: String(zip.length),
    hash: `sha256:${createHash('sha256').update(zip).digest('hex')}`,
  });
});

test('a refused artifact upload keeps the screenshots in the folder and says why, without failing', async (t) => {
  const workDir = mkdtempSync(join(tmpdir(), 'forge-artifact-'));
  const saved = { url: process.env.ACTIONS_RESULTS_URL, token: process.env.ACTIONS_RUNTIME_TOKEN };
  // The results service refuses the job (a token of another job): the upload fails at once
  // (a 400 is not retried), and the action must go on.
  const service = await startFakeArtifactService();
  process.env.ACTIONS_RESULTS_URL = service.url;
  const [header, , signature] = service.token.split('.');
  const otherJob = Buffer.from(JSON.stringify({ scp: 'Actions.Results:other-run:other-job' })).toString(
    'base64url',
  );
  process.env.ACTIONS_RUNTIME_TOKEN = `${header}.${otherJob}.${signature}`;
  t.after(() => {
    for (const [key, value] of [
      ['ACTIONS_RESULTS_URL', saved.url],
      ['ACTIONS_RUNTIME_TOKEN', saved.token],
    ] as const)
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    rmSync(workDir, { recursive: true, force: true });
    return service.close();
  });
  mkdirSync(join(workDir, 'screenshots', '17.0'), { recursive: true });
  writeFileSync(join(workDir, 'screenshots', '17.0', 'admin.png'), Buffer.alloc(16, 1));
  const kept = await keepScreenshots(report, workDir, process.env, silentLogger);
  assert.equal(kept?.artifact, undefined);
  assert.equal(service.artifacts.length, 0);
  assert.match(
    kept?.note ?? '',
    /^1 screenshot\(s\) kept in .*screenshots: the artifact upload failed \(.*backend ids do not match the token.*\)\.$/s,
  );
});
