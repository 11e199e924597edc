import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import yauzl from 'yauzl';
import { REPORT_ARTIFACT_PREFIX as APP_PREFIX } from '../../app/repair/fetch-reports.js';
import { readRepairReport } from '../../core/repair/repair-failure.js';
import { reportArtifactName } from '../../core/repair/report-artifact-name.js';
import { uploadReport } from '../../actions/shared/upload-report.js';
import type { Logger } from '../../runner/logger.js';
import { startFakeArtifactService, type FakeArtifactService } from './support/fake-artifact-service.js';

/** A logger that keeps its lines per level. */
function recordingLogger(): Logger & { lines: Record<'info' | 'warn' | 'debug', string[]> } {
  const lines = { info: [] as string[], warn: [] as string[], debug: [] as string[] };
  return {
    lines,
    info: (m) => lines.info.push(m),
    warn: (m) => lines.warn.push(m),
    debug: (m) => lines.debug.push(m),
  };
}

/** The text of each entry of a zip, name → text. */
function entriesOf(zip: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, archive) => {
      if (error || !archive) return reject(error ?? new Error('no archive'));
      const files = new Map<string, string>();
      archive.on('error', reject);
      archive.on('end', () => resolve(files));
      archive.on('entry', (entry: yauzl.Entry) =>
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            archive.readEntry();
          });
        }),
      );
      archive.readEntry();
    });
  });
}

async function withService(t: TestContext, token?: (service: FakeArtifactService) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'forge-report-artifact-'));
  const service = await startFakeArtifactService();
  const env: NodeJS.ProcessEnv = {
    ACTIONS_RESULTS_URL: service.url,
    ACTIONS_RUNTIME_TOKEN: token ? token(service) : service.token,
  };
  const saved = { url: process.env.ACTIONS_RESULTS_URL, token: process.env.ACTIONS_RUNTIME_TOKEN };
  // @actions/artifact reads the process environment.
  Object.assign(process.env, env);
  t.after(async () => {
    for (const [key, value] of [
      ['ACTIONS_RESULTS_URL', saved.url],
      ['ACTIONS_RUNTIME_TOKEN', saved.token],
    ] as const)
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, service, env };
}

test('the names are what the app downloads: odoo-forge-report-lint, -<series>, several series sorted, none', () => {
  assert.equal(reportArtifactName('lint'), 'odoo-forge-report-lint');
  assert.equal(reportArtifactName(['18.0']), 'odoo-forge-report-18.0');
  assert.equal(reportArtifactName(['18.0', '17.0']), 'odoo-forge-report-17.0-18.0');
  assert.equal(reportArtifactName([]), 'odoo-forge-report-none');
  for (const name of [reportArtifactName('lint'), reportArtifactName(['16.0'])])
    assert.ok(name.startsWith(APP_PREFIX), `${name} is picked up by app/repair/fetch-reports.ts`);
});

test('a check report goes up as odoo-forge-report-lint; the zip holds report.json, which the repair reads back with its error findings', async (t) => {
  const { dir, service, env } = await withService(t);
  const report = {
    conclusion: 'failure',
    addons: ['library'],
    counts: { error: 1, warning: 1, info: 0 },
    findings: [
      {
        file: 'library/models/book.py',
        line: 12,
        severity: 'error',
        rule: 'access-missing',
        message: 'library.book has no access rule',
      },
      {
        file: 'library/__manifest__.py',
        severity: 'warning',
        rule: 'manifest-license',
        message: 'no license',
      },
    ],
  };
  const path = join(dir, 'report.json');
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  const logger = recordingLogger();

  const upload = await uploadReport(reportArtifactName('lint'), path, env, logger);

  assert.deepEqual(upload, { artifact: 'odoo-forge-report-lint' });
  assert.deepEqual(logger.lines.warn, []);
  assert.deepEqual(
    service.artifacts.map((a) => a.name),
    ['odoo-forge-report-lint'],
  );
  const files = await entriesOf(service.artifacts[0]?.zip ?? Buffer.alloc(0));
  assert.deepEqual([...files.keys()], ['report.json']);
  const read = readRepairReport(JSON.parse(files.get('report.json') ?? ''), 'report.json');
  assert.deepEqual(read, {
    kind: 'check',
    conclusion: 'failure',
    failures: [
      {
        source: 'finding',
        id: 'access-missing',
        file: 'library/models/book.py',
        line: 12,
        message: 'library.book has no access rule',
      },
    ],
    logExcerpt: '',
  });
});

test('a refused upload is one warning naming the artifact and the file, and does not throw', async (t) => {
  const { dir, service, env } = await withService(t, (s) => {
    const [header, , signature] = s.token.split('.');
    const other = Buffer.from(JSON.stringify({ scp: 'Actions.Results:other-run:other-job' })).toString(
      'base64url',
    );
    return `${header}.${other}.${signature}`;
  });
  const path = join(dir, 'report.json');
  writeFileSync(path, '{"version":1,"conclusion":"failure","series":[]}\n');
  const logger = recordingLogger();

  const upload = await uploadReport(reportArtifactName(['18.0']), path, env, logger);

  assert.equal(service.artifacts.length, 0);
  assert.equal(logger.lines.warn.length, 1);
  assert.match(
    logger.lines.warn[0] ?? '',
    /could not be uploaded as the artifact odoo-forge-report-18\.0 \(.*backend ids do not match the token/s,
  );
  assert.ok(logger.lines.warn[0]?.includes(path));
  assert.deepEqual(upload, { skipped: logger.lines.warn[0] });
});

test('outside a GitHub Actions job (no ACTIONS_RUNTIME_TOKEN) nothing is uploaded and the log says why', async () => {
  const logger = recordingLogger();
  const upload = await uploadReport('odoo-forge-report-lint', '/tmp/nowhere/report.json', {}, logger);
  assert.deepEqual(logger.lines.warn, []);
  assert.match(
    logger.lines.info.join('\n'),
    /not uploaded as the artifact odoo-forge-report-lint: no ACTIONS_RUNTIME_TOKEN/,
  );
  assert.ok('skipped' in upload);
});
