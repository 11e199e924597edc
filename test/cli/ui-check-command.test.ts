// `odoo-forge ui-check` through the BUILT CLI (`npm run build`): the demo's addon installed with
// demo data on a local Odoo 18.0 and every action opened in Debian's Chromium. Needs the 18.0 tree,
// a local PostgreSQL and Chromium; otherwise a visible skip line.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CliIo } from '../../cli/cli-io.js';
import { main } from '../../cli/main.js';
import { chromiumOrSkip } from '../support/chromium-or-skip.js';
import { localPostgresOrSkip } from '../support/local-postgres-or-skip.js';
import { odooTreeOrSkip } from '../support/odoo-trees.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const builtCli = join(root, 'bin', 'odoo-forge.js');
const run = promisify(execFile);

test(
  'odoo-forge ui-check checks the demo addon in a browser as the admin and each group, without a failure',
  { timeout: 15 * 60_000 },
  async (t) => {
    const tree = odooTreeOrSkip(t, '18.0', 'odoo-forge ui-check');
    if (!tree) return;
    const chromium = chromiumOrSkip(t, 'odoo-forge ui-check');
    if (!chromium) return;
    if (!(await localPostgresOrSkip(t, 'odoo-forge ui-check'))) return;
    const work = mkdtempSync(join(tmpdir(), 'forge-ui-cli-'));
    t.after(() => rmSync(work, { recursive: true, force: true }));
    await run(process.execPath, [builtCli, 'demo', '--out', 'forge-demo'], { cwd: work });

    const { stdout } = await run(
      process.execPath,
      [
        builtCli,
        'ui-check',
        'forge-demo',
        '--modules',
        'library_loans',
        '--odoo-src',
        tree.root,
        '--chromium',
        chromium,
        '--json',
      ],
      { cwd: work, timeout: 14 * 60_000, maxBuffer: 64 * 1024 * 1024 },
    );

    const result = JSON.parse(stdout) as {
      ok: boolean;
      series: string;
      users: string[];
      pages: { name: string; screenshot?: string }[];
      steps: { step: string; ok: boolean }[];
      failures: unknown[];
    };
    assert.deepEqual(result.failures, [], JSON.stringify(result.failures, null, 2));
    assert.equal(result.ok, true);
    assert.equal(result.series, '18.0');
    assert.ok(
      result.users.includes('admin') && result.users.length >= 2,
      `admin and the groups' users: ${result.users}`,
    );
    assert.ok(result.pages.length > 0, 'pages were opened');
    assert.ok(
      result.steps.some((step) => step.step === 'create' && step.ok),
      'a record was created through a form',
    );
  },
);

test('odoo-forge ui-check without a tree or modules is bad input (exit 2) saying what to pass', async () => {
  let err = '';
  const io: CliIo = { out: () => {}, err: (s) => (err += s), isTty: false, cwd: root, env: {} };

  const noTree = await main(['ui-check', '.', '--modules', 'library_loans'], io);
  const noModules = await main(['ui-check', '.', '--modules', ' , ', '--odoo-src', '/nonexistent'], io);

  assert.equal(noTree, 2);
  assert.match(err, /ui-check needs an Odoo source tree\.\nhint: Pass --odoo-src PATH \(or set ODOO_SRC\)\./);
  assert.equal(noModules, 2);
  assert.match(err, /--modules is empty\./);
});
