import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test, type TestContext } from 'node:test';
import { writeAddon } from '../../cli/write-addon.js';
import { generate } from '../../core/generator/generate.js';
import { defaultLocalPostgres } from '../../runner/local-odoo/local-postgres.js';
import { runBrowserChecks, type BrowserCheckResult } from '../../runner/ui-check/run-browser-checks.js';
import { serveLocalOdoo, type ServedOdoo } from '../../runner/ui-check/serve-local-odoo.js';
import { chromiumOrSkip } from '../support/chromium-or-skip.js';
import { exampleFiles, exampleSpecFor } from '../support/example-specs.js';
import { odooTreeOrSkip, supportedSeries, type SupportedSeries } from '../support/odoo-trees.js';

// The browser check (runner/ui-check/run-browser-checks.ts) on a real Odoo of EACH supported
// series, served from local processes, in Debian's Chromium. Two Odoo starts per series: every
// example installed together (the library checked as the admin and each of its groups, the others
// as the admin), and a broken library that the check must fail, with each cause named.

interface Target {
  odooSrc: string;
  chromium: string;
}

function targetOrSkip(t: TestContext, series: SupportedSeries, what: string): Target | undefined {
  const tree = odooTreeOrSkip(t, series, what);
  if (!tree) return undefined;
  const chromium = chromiumOrSkip(t, what);
  return chromium ? { odooSrc: tree.root, chromium } : undefined;
}

function tempDir(t: TestContext, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function serve(
  t: TestContext,
  target: Target,
  addonsDir: string,
  modules: string[],
): Promise<ServedOdoo> {
  const served = await serveLocalOdoo({ odooSrc: target.odooSrc, addonsDirs: [addonsDir], modules });
  t.after(() => served.stop());
  return served;
}

function failuresText(result: BrowserCheckResult): string {
  return JSON.stringify(result.failures, null, 2);
}

/**
 * The ids of the web client's asset bundles stored in a local database (`ir.attachment` rows, see
 * warmWebAssets). A bundle Odoo builds again gets a new row (the old one is unlinked).
 */
async function assetBundles(database: string): Promise<number[]> {
  const pg = defaultLocalPostgres;
  const { stdout } = await promisify(execFile)(
    'psql',
    ['-d', database, '-tAc', "SELECT id FROM ir_attachment WHERE url LIKE '/web/assets/%' ORDER BY id"],
    {
      env: {
        ...process.env,
        PGHOST: pg.host,
        PGPORT: String(pg.port),
        PGUSER: pg.user,
        PGPASSWORD: pg.password,
      },
    },
  );
  return stdout.split('\n').filter(Boolean).map(Number);
}

const isPng = (file: string): boolean => readFileSync(file).subarray(1, 4).toString('latin1') === 'PNG';

for (const series of [...supportedSeries].reverse()) {
  test(
    `Odoo ${series}: the generated examples pass the browser check; the library as the admin and each group, within its access rights`,
    { timeout: 20 * 60_000 },
    async (t) => {
      const target = targetOrSkip(t, series, `browser check of the examples on Odoo ${series}`);
      if (!target) return;
      const addonsDir = tempDir(t, `forge-ui-examples-${series}-`);
      const modules: string[] = [];
      for (const example of exampleFiles()) {
        const { spec } = exampleSpecFor(example, series);
        await writeAddon(generate(spec), addonsDir, spec.module.name);
        modules.push(spec.module.name);
      }
      const served = await serve(t, target, addonsDir, modules);
      // The template database was served once and its asset bundles built into it: the clone has them.
      const bundles = await assetBundles(served.database);
      assert.ok(
        bundles.length > 0,
        `the clone of the template holds its web asset bundles (${bundles.length})`,
      );
      const shots = tempDir(t, `forge-ui-shots-${series}-`);
      const common = {
        baseUrl: served.baseUrl,
        database: served.database,
        series,
        executablePath: target.chromium,
      };

      const started = Date.now();
      const library = await runBrowserChecks({ ...common, modules: ['library_loans'], screenshotDir: shots });
      t.diagnostic(
        `library_loans on Odoo ${series}: ${library.steps.length} steps in ${Date.now() - started} ms`,
      );
      assert.deepEqual(library.failures, [], failuresText(library));
      assert.equal(library.ok, true);
      // Every bundle of the template is served as it is (none built again); a bundle the web client
      // loads only on demand (lazy, e.g. on opening a form) may be added once.
      const after = new Set(await assetBundles(served.database));
      assert.deepEqual(
        bundles.filter((id) => !after.has(id)),
        [],
        'no bundle of the template was built again by the check',
      );
      const userLogin = 'forge_check_library_loans_group_user';
      assert.deepEqual(library.users, ['admin', userLogin, 'forge_check_library_loans_group_manager']);
      const step = (user: string, page: string, name: string) =>
        library.steps.find((s) => s.user === user && s.page === `${user}: ${page}` && s.step === name);
      for (const user of library.users) {
        // Every user of the library's groups sees both menus and opens every view of their actions.
        for (const page of ['Library/Books (kanban)', 'Library/Books (list)', 'Library/Loans (list)']) {
          assert.equal(step(user, page, 'open')?.ok, true, `${user} opened ${page}`);
        }
        assert.equal(step(user, 'Library/Books (list)', 'filter Available')?.ok, true, `${user} filtered`);
        assert.equal(step(user, 'Library/Books (list)', 'group by State')?.ok, true, `${user} grouped`);
        assert.match(
          step(user, 'Library/Loans (form)', 'create')?.message ?? '',
          /^saved library\.loan #\d+ \(filled book_id, partner_id\)$/,
        );
      }
      // The admin and the manager may create books and press both workflow buttons in turn.
      for (const user of ['admin', 'forge_check_library_loans_group_manager']) {
        assert.match(
          step(user, 'Library/Books (form)', 'create')?.message ?? '',
          /^saved library\.book #\d+/,
        );
        assert.equal(step(user, 'Library/Books (form)', 'button Make available')?.ok, true);
        assert.equal(step(user, 'Library/Books (form)', 'button Reset to draft')?.ok, true);
      }
      // The user group reads books only: no create button, and the button's write is refused, as expected.
      const noCreate = step(userLogin, 'Library/Books (form)', 'create');
      assert.deepEqual([noCreate?.ok, noCreate?.expected], [true, true]);
      const refused = step(userLogin, 'Library/Books (form)', 'button Make available');
      assert.deepEqual([refused?.ok, refused?.expected], [true, true]);
      assert.match(refused?.message ?? '', /not allowed to modify 'Book' \(library\.book\)/);
      // A PNG of every page.
      assert.equal(library.pages.length, 15);
      for (const page of library.pages)
        assert.ok(page.screenshot && isPng(page.screenshot), `${page.name} has a PNG`);

      const others = modules.filter((module) => module !== 'library_loans');
      const rest = await runBrowserChecks({ ...common, modules: others, groupUsers: false });
      assert.deepEqual(rest.failures, [], failuresText(rest));
      assert.ok(
        rest.steps.filter((s) => s.step === 'open').length >= others.length * 2,
        'the other examples opened',
      );
      assert.ok(
        rest.steps.some((s) => s.step === 'create' && s.ok),
        'records were created through their forms',
      );
    },
  );

  test(
    `Odoo ${series}: the browser check fails a kanban the client refuses, a button that raises and a group that cannot read a menu's model, naming each cause`,
    { timeout: 15 * 60_000 },
    async (t) => {
      const target = targetOrSkip(t, series, `browser check of a broken addon on Odoo ${series}`);
      if (!target) return;
      const { spec } = exampleSpecFor('library.yaml', series);
      const files = generate(spec);
      const edits: [string, RegExp, string][] = [
        ['views/library_book_views.xml', /<templates>[\s\S]*?<\/templates>/, '<field name="title"/>'],
        [
          'models/library_book.py',
          /( +)"""Make available: Draft → Available\."""\n/,
          '$1"""Make available: Draft → Available."""\n$1raise ValueError("forge check: this button is broken")\n',
        ],
        ['security/ir.model.access.csv', /^access_library_loan_user,.*\n/m, ''],
      ];
      for (const [path, pattern, replacement] of edits) {
        const before = files.get(path) ?? '';
        const after = before.replace(pattern, replacement);
        assert.notEqual(after, before, `${path} was broken`);
        files.set(path, after);
      }
      const addonsDir = tempDir(t, `forge-ui-broken-${series}-`);
      await writeAddon(files, addonsDir, spec.module.name);
      const served = await serve(t, target, addonsDir, [spec.module.name]);

      const result = await runBrowserChecks({
        baseUrl: served.baseUrl,
        database: served.database,
        series,
        modules: [spec.module.name],
        executablePath: target.chromium,
      });
      assert.equal(result.ok, false);
      const failure = (user: string, page: string, step: string) =>
        result.failures.find((f) => f.user === user && f.page === `${user}: ${page}` && f.step === step);
      const all = failuresText(result);
      for (const f of result.failures) {
        assert.doesNotMatch(
          f.message ?? '',
          /Copy (the full )?error to clipboard|CloseCopy|An error occurred/,
          `a cause, not the dialog's text: ${all}`,
        );
      }
      // 18.0 wants a 'card' template, 16.0 and 17.0 'kanban-box': the client names it behind the details button.
      const kanban = failure('admin', 'Library/Books (kanban)', 'open');
      assert.match(
        kanban?.message ?? '',
        series === '18.0' ? /Missing 'card' template/ : /Missing 'kanban-box' template/,
        all,
      );
      const button = failure('admin', 'Library/Books (form)', 'button Make available');
      assert.match(button?.message ?? '', /ValueError: forge check: this button is broken/, all);
      // A refused login names the login and the database, before Chromium is left running.
      await assert.rejects(
        runBrowserChecks({
          baseUrl: served.baseUrl,
          database: served.database,
          series,
          modules: [spec.module.name],
          executablePath: target.chromium,
          admin: { login: 'admin', password: 'not-the-password' },
        }),
        (error: Error) =>
          error.message.includes(`logging in as admin to database ${served.database}`) &&
          /failed: .+/.test(error.message),
      );
      const menu = failure('forge_check_library_loans_group_user', 'Library/Loans', 'menu');
      assert.match(
        menu?.message ?? '',
        /Library Loans \/ User may open the menu Library\/Loans but has no read access to library\.loan/,
        all,
      );
    },
  );
}
