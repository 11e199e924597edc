import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { deterministicFix } from '../../core/repair/deterministic-fix.js';
import { readRepairReport, type RepairFailure } from '../../core/repair/repair-failure.js';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { runLocalOdoo, type LocalOdooRunResult } from '../../runner/local-odoo/run-local-odoo.js';
import {
  LOAN_COUNT_MODULE,
  LOAN_COUNT_TEST_ID,
  repairLoanCountThroughTheApp,
} from '../app/support/loan-count-repair.js';
import { odooTreeOrSkip } from '../support/odoo-trees.js';

// The repair loop's deterministic fixes of a hand-written addon, proven on a real Odoo 18: the
// checker fixtures they are for (a `tree` view mode, a model without access row), each with
// tests that use what the fix is about (the action's views as the web client loads them, an
// internal user creating records). The broken addons are checked by the real checker, its
// report read as the app reads it, the fix made by core/repair; then the fixed addons (one Odoo
// run) install and pass their tests, and the broken ones (one more run) fail those tests.
// The same two runs replay the model's repair of a failing test (test/app/support/loan-count-repair.ts:
// the app, the GitHub fake, the recorded answer `repair-loan-count`): the addon the app pushed
// passes every test, the branch it repaired fails the loan-count test, and only it. Both runs use
// base + mail with demo data, the template examples/library.yaml's e2e run clones too.

const fixtures = new URL('../fixtures/checker/', import.meta.url).pathname;
const workDir = join(tmpdir(), 'odoo-forge-local-odoo');

interface Case {
  rule: string;
  module: string;
  model: string;
  /** The test that the broken addon fails. */
  failing: string;
}

const cases: Case[] = [
  {
    rule: 'action-view-mode-tree',
    module: 'forge_action_view_mode_tree',
    model: 'forge.item',
    failing: 'test_the_action_opens_its_views',
  },
  {
    rule: 'access-missing',
    module: 'forge_access_missing',
    // Renamed so both addons can share one database.
    model: 'forge.crate',
    failing: 'test_an_internal_user_creates_one_with_lines',
  },
];

function addonTests(c: Case): string {
  const action = `${c.module}.${c.model.replace('.', '_')}_action`;
  return `from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


@tagged('post_install', '-at_install')
class TestForgeFix(TransactionCase):
    def test_the_action_opens_its_views(self):
        action = self.env['ir.actions.act_window']._for_xml_id('${action}')
        views = self.env[action['res_model']].get_views(action['views'])
        self.assertEqual(sorted(views['views']), ['form', 'list'])

    def test_an_internal_user_creates_one_with_lines(self):
        user = new_test_user(self.env, login='${c.module}_user', groups='base.group_user')
        record = self.env['${c.model}'].with_user(user).create(
            {'name': 'First', 'line_ids': [(0, 0, {'label': 'Bolt', 'quantity': 3})]}
        )
        self.assertEqual(record.line_ids.quantity, 3)
`;
}

/** The fixture addon under `dir`, its model renamed when the case says so, with the tests above. */
function writeAddon(dir: string, module: string, files: Map<string, string>): void {
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, module, path)), { recursive: true });
    writeFileSync(join(dir, module, path), content);
  }
}

function writeBroken(dir: string, c: Case): void {
  const target = join(dir, c.module);
  cpSync(join(fixtures, c.rule, c.module), target, { recursive: true });
  if (c.model !== 'forge.item') {
    const key = c.model.replace('.', '_');
    const rename = (text: string): string =>
      text
        .replaceAll('forge.item', c.model)
        .replaceAll('forge_item', key)
        .replaceAll('ForgeItem', 'ForgeCrate');
    for (const [rel, text] of filesOf(target)) {
      rmSync(join(target, rel));
      mkdirSync(dirname(join(target, rename(rel))), { recursive: true });
      writeFileSync(join(target, rename(rel)), rename(text));
    }
  }
  mkdirSync(join(target, 'tests'));
  writeFileSync(join(target, 'tests', '__init__.py'), 'from . import test_forge_fix\n');
  writeFileSync(join(target, 'tests', 'test_forge_fix.py'), addonTests(c));
}

function filesOf(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  return files;
}

/** actions/check's report of the addons in `dir`, read back as the repair loop reads it. */
async function checkedFailures(dir: string, addonsPaths: string[]): Promise<RepairFailure[]> {
  const checked = await checkAddons([dir], { series: '18.0', addonsPath: [...addonsPaths, dir] });
  const read = readRepairReport(
    { conclusion: checked.counts.error > 0 ? 'failure' : 'success', findings: checked.findings },
    `the check report of ${dir}`,
  );
  if ('error' in read) throw new Error(read.error);
  return read.failures;
}

function testIdsOf(run: LocalOdooRunResult, module: string): string[] {
  return run.report.failures.filter((f) => f.testId.includes(`.${module}.`)).map((f) => f.testId);
}

test(
  'the deterministic fixes of a hand-written addon, and the model’s repair of a failing test, pass their tests on real Odoo 18',
  { timeout: 20 * 60_000 },
  async (t) => {
    const tree = odooTreeOrSkip(t, '18.0', 'the deterministic fixes are proven on a real Odoo 18');
    if (!tree) return;
    const root = mkdtempSync(join(tmpdir(), 'forge-repair-fixes-'));
    try {
      const broken = join(root, 'broken');
      const fixed = join(root, 'fixed');
      for (const c of cases) writeBroken(broken, c);

      const failures = await checkedFailures(broken, tree.addonsPaths);
      for (const c of cases) {
        const own = failures.filter((f) => f.file?.startsWith(`${c.module}/`));
        assert.deepEqual(
          own.map((f) => f.id),
          [c.rule],
          `the checker reports ${c.rule} (and nothing else the repair reads) for ${c.module}`,
        );
        const files = filesOf(join(broken, c.module));
        const fix = deterministicFix(own, { root: c.module, files, generated: undefined });
        assert.equal(fix.rest.length, 0, `the deterministic fix knows ${c.rule}`);
        assert.ok(fix.edits.size > 0);
        cpSync(join(broken, c.module), join(fixed, c.module), { recursive: true });
        for (const [path, content] of fix.edits) {
          mkdirSync(dirname(join(fixed, path)), { recursive: true });
          writeFileSync(join(fixed, path), content);
        }
      }
      assert.deepEqual(await checkedFailures(fixed, tree.addonsPaths), [], 'the checker passes the fixes');
      const repaired = await repairLoanCountThroughTheApp();
      writeAddon(broken, LOAN_COUNT_MODULE, repaired.broken);
      writeAddon(fixed, LOAN_COUNT_MODULE, repaired.pushed);

      const modules = [...cases.map((c) => c.module), LOAN_COUNT_MODULE];
      const options = {
        odooSrc: tree.root,
        modules,
        demo: true,
        workDir,
        timeoutMs: 8 * 60_000,
      };
      const [afterFix, beforeFix] = await Promise.all([
        runLocalOdoo({ ...options, addonsDirs: [fixed] }),
        runLocalOdoo({ ...options, addonsDirs: [broken] }),
      ]);

      for (const [name, run] of [
        ['fixed', afterFix],
        ['broken', beforeFix],
      ] as const)
        t.diagnostic(
          `${name}: ${run.report.testsRun} tests, ${run.report.failures.length} failed, run ${(run.durationMs / 1000).toFixed(1)} s, ` +
            `template ${run.template.name} ${run.template.buildSeconds === undefined ? 'reused' : `built in ${run.template.buildSeconds.toFixed(1)} s`}`,
        );
      assert.ok(afterFix.report.installed, `the fixed addons install: ${afterFix.log.slice(-2000)}`);
      assert.equal(afterFix.report.installErrors.length, 0);
      const libraryTests = afterFix.report.testsRun - 2 * cases.length;
      assert.ok(
        libraryTests > 1,
        `the repaired ${LOAN_COUNT_MODULE}'s tests ran too (${afterFix.report.testsRun} in all)`,
      );
      assert.deepEqual(
        afterFix.report.failures.map((f) => `${f.testId}: ${f.message}`),
        [],
        'and passed',
      );
      assert.equal(afterFix.exitCode, 0);

      assert.ok(beforeFix.report.installed, 'the broken addons install too (Odoo 18 only warns)');
      assert.equal(
        beforeFix.report.testsRun,
        afterFix.report.testsRun,
        'the same tests ran on the broken addons',
      );
      const loanFailures = beforeFix.report.failures.filter((f) =>
        f.testId.includes(`.${LOAN_COUNT_MODULE}.`),
      );
      assert.deepEqual(
        loanFailures.map((f) => f.testId),
        [LOAN_COUNT_TEST_ID],
        `the branch the app repaired fails the test its report named, and only it (of ${libraryTests})`,
      );
      assert.match(loanFailures[0]?.message ?? '', /0 != 1/);
      for (const c of cases) {
        const ids = testIdsOf(beforeFix, c.module);
        assert.deepEqual(
          ids.map((id) => id.split('.').pop()),
          [c.failing],
          `unfixed, ${c.module} fails ${c.failing} (${c.rule}), and only it`,
        );
      }
      const byTest = new Map(beforeFix.report.failures.map((f) => [f.testId.split('.').pop(), f.message]));
      assert.match(byTest.get('test_the_action_opens_its_views') ?? '', /No default view of type 'tree'/);
      assert.match(
        byTest.get('test_an_internal_user_creates_one_with_lines') ?? '',
        /AccessError|not allowed/i,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
);
