import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { readOdooSourceTree } from '../../runner/local-odoo/odoo-source-tree.js';
import { runLocalOdoo, type LocalOdooRunResult } from '../../runner/local-odoo/run-local-odoo.js';
import { cleanFixture, fixturesRoot, ruleFixtures, type RuleFixture } from './fixture-table.js';

// Proof that the fixtures are real failures: each is installed on a real Odoo 18 (a clone of a
// template database with base, through runner/local-odoo) and Odoo must refuse it or log the
// warning; the checker, run with that Odoo tree as the addons path, must flag the same fixture.
// Needs ODOO_SRC (an 18.0 tree) and a local PostgreSQL (started when down).

const workDir = join(tmpdir(), 'odoo-forge-local-odoo');

function odooSrc18(): string | undefined {
  const src = process.env.ODOO_SRC;
  if (!src) return undefined;
  return readOdooSourceTree(src).series === '18.0' ? src : undefined;
}

/** Runs `jobs` two at a time (the machine has 2 cores). */
async function twoAtATime<T, R>(items: T[], job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index] as T);
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

function install(src: string, folder: string, module: string): Promise<LocalOdooRunResult> {
  return runLocalOdoo({
    odooSrc: src,
    addonsDirs: [join(fixturesRoot, folder)],
    modules: [module],
    dependencies: ['base'],
    tests: false,
    workDir,
    timeoutMs: 5 * 60_000,
  });
}

function rejected(run: LocalOdooRunResult): boolean {
  return !run.report.installed || run.report.installErrors.length > 0 || run.exitCode !== 0;
}

test(
  'real Odoo 18 refuses or warns on every rule fixture, installs the clean one, and the checker agrees',
  { timeout: 30 * 60_000 },
  async (t) => {
    const src = odooSrc18();
    if (!src) {
      t.skip('ODOO_SRC not set (or not an 18.0 tree): the fixtures are proven on a real Odoo 18');
      return;
    }
    const addonsPath = readOdooSourceTree(src).addonsPaths;
    const checked = ruleFixtures;
    const runs = await twoAtATime(
      [
        { folder: cleanFixture.folder, modules: [cleanFixture.module] } as Pick<
          RuleFixture,
          'folder' | 'modules'
        >,
        ...checked,
      ],
      (fixture) => install(src, fixture.folder, fixture.modules[0] as string),
    );
    const [cleanRun, ...fixtureRuns] = runs;
    assert.ok(cleanRun);
    assert.equal(rejected(cleanRun), false, `the clean fixture must install:\n${cleanRun.log.slice(-3000)}`);
    assert.deepEqual(
      cleanRun.report.warnings.filter((w) => /forge/i.test(w.message)).map((w) => w.message),
      [],
      'the clean fixture installs without a warning about it',
    );
    const cleanCheck = await checkAddons([join(fixturesRoot, cleanFixture.folder)], { addonsPath });
    assert.equal(cleanCheck.counts.error, 0);

    // One checker run over every fixture (their module names are distinct), with the real addons path.
    const dirs = checked.map((fixture) => join(fixturesRoot, fixture.folder));
    const all = await checkAddons(dirs, { series: '18.0', addonsPath: [...addonsPath, ...dirs] });
    const problems: string[] = [];
    for (const [index, fixture] of checked.entries()) {
      const run = fixtureRuns[index] as LocalOdooRunResult;
      const outcome = fixture.odoo;
      const logMatches = outcome.log ? outcome.log.test(run.log) : true;
      if (outcome.kind === 'rejects' && !(rejected(run) && logMatches)) {
        problems.push(
          `${fixture.folder}: Odoo did not refuse it as expected (installed=${run.report.installed}, exit=${run.exitCode}, log matches=${logMatches})`,
        );
      }
      if (outcome.kind === 'browser' && rejected(run)) {
        problems.push(
          `${fixture.folder}: expected Odoo to install it (the failure shows only in the web client)`,
        );
      }
      if (outcome.kind === 'warns' && !(run.report.installed && logMatches)) {
        problems.push(`${fixture.folder}: Odoo did not install it with the expected warning`);
      }
      const mine = all.findings.filter((f) =>
        fixture.modules.some((module) => f.file.startsWith(`${module}/`)),
      );
      const hits = mine.filter((f) => f.rule === fixture.rule && f.severity === fixture.severity);
      if (hits.length === 0) {
        problems.push(
          `${fixture.folder}: the checker did not report ${fixture.severity} ${fixture.rule} with the real addons path`,
        );
      }
      const others = mine.filter((f) => f.severity === 'error' && f.rule !== fixture.rule);
      if (others.length > 0)
        problems.push(`${fixture.folder}: other errors: ${others.map((f) => f.rule).join(', ')}`);
      t.diagnostic(
        `${fixture.folder}: odoo ${outcome.kind} (installed=${run.report.installed}), checker ${hits.length} ${fixture.severity} ${fixture.rule}`,
      );
    }
    assert.deepEqual(problems, []);
  },
);
