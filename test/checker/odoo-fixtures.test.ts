import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ForgeError } from '../../core/errors/forge-error.js';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { runLocalOdoo, type LocalOdooRunResult } from '../../runner/local-odoo/run-local-odoo.js';
import { odooTreeOrSkip, supportedSeries, type SupportedSeries } from '../support/odoo-trees.js';
import {
  cleanFixture,
  expectedSeverity,
  fixturesRoot,
  ruleFixtures,
  type OdooOutcome,
  type RuleFixture,
} from './fixture-table.js';
import { retargetFixture } from './retarget-fixture.js';

// Proof that the severities are Odoo's own: every fixture variant, written for the series, is
// installed on a real Odoo of that series (a clone of a template database with base, through
// runner/local-odoo) and Odoo must do what the table says (refuse it, warn, or take it
// silently); the checker, run with that Odoo tree as the addons path, must report the rule with
// the severity that outcome sets. Needs a tree per series (ODOO_SRC_16/17/18) and a local
// PostgreSQL (started when down).

const workDir = join(tmpdir(), 'odoo-forge-local-odoo');

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

function rejected(run: LocalOdooRunResult): boolean {
  return !run.report.installed || run.report.installErrors.length > 0 || run.exitCode !== 0;
}

/** WARNING and ERROR records that name a fixture module (Odoo's own noise left out). */
function complaints(run: LocalOdooRunResult): string[] {
  return [...run.report.warnings, ...run.report.serverErrors]
    .map((record) => record.message)
    .filter((message) => /forge/i.test(message));
}

/** Whether the run did what `outcome` says; returns what differs. */
export function outcomeProblem(outcome: OdooOutcome, run: LocalOdooRunResult): string | undefined {
  const state = `installed=${run.report.installed}, exit=${run.exitCode}, install errors=${run.report.installErrors.length}`;
  const logMatches = 'log' in outcome && outcome.log ? outcome.log.test(run.log) : true;
  switch (outcome.kind) {
    case 'rejects':
      return rejected(run) && logMatches
        ? undefined
        : `expected Odoo to refuse it (${state}, log matches=${logMatches})`;
    case 'warns':
      return !rejected(run) && logMatches
        ? undefined
        : `expected an install with a warning (${state}, log matches=${logMatches})`;
    case 'other-series':
      if (outcome.log === undefined)
        return rejected(run) ? `expected Odoo to take it as its own series (${state})` : undefined;
      return !run.report.installed && logMatches
        ? undefined
        : `expected Odoo to leave it out (${state}, log matches=${logMatches})`;
    case 'browser':
      return rejected(run)
        ? `expected an install (the failure shows only in the web client) (${state})`
        : undefined;
    case 'silent':
    case 'overwrites':
    case 'valid': {
      if (rejected(run)) return `expected a silent install (${state})`;
      const said = complaints(run);
      return said.length === 0
        ? undefined
        : `expected no warning about it, got: ${said.join(' | ').slice(0, 500)}`;
    }
  }
}

interface Job {
  folder: string;
  dir: string;
  module: string;
  tests: boolean;
}

for (const series of supportedSeries) {
  test(
    `real Odoo ${series} does with every rule fixture what the checker's severity says`,
    { timeout: 30 * 60_000 },
    async (t) => {
      const tree = odooTreeOrSkip(t, series, 'the rule fixtures are proven on a real Odoo of each series');
      if (!tree) return;
      const root = mkdtempSync(join(tmpdir(), `forge-checker-fixtures-${series}-`));
      try {
        const jobs: Job[] = [cleanFixture, ...ruleFixtures].map((fixture) => {
          const folder = fixture.folder;
          const entry = ruleFixtures.find((f) => f.folder === folder);
          const dir = join(root, folder);
          retargetFixture(join(fixturesRoot, folder), dir, series, entry?.retarget?.(series));
          const module = entry ? (entry.modules[0] as string) : cleanFixture.module;
          return { folder, dir, module, tests: entry?.tests ?? false };
        });
        const runs = await twoAtATime(jobs, (job) =>
          runLocalOdoo({
            odooSrc: tree.root,
            addonsDirs: [job.dir],
            modules: [job.module],
            dependencies: ['base'],
            tests: job.tests,
            workDir,
            timeoutMs: 5 * 60_000,
          }).catch((thrown: unknown) => {
            // The local runner leaves an addon of another series out before Odoo starts.
            if (thrown instanceof ForgeError && thrown.code === 'input.module-other-series') return thrown;
            throw thrown;
          }),
        );
        const [cleanRun, ...fixtureRuns] = runs;
        assert.ok(cleanRun && !(cleanRun instanceof ForgeError), 'the runner takes the clean fixture');
        assert.equal(
          outcomeProblem({ kind: 'valid' }, cleanRun),
          undefined,
          `the clean fixture installs silently on ${series}`,
        );

        // One checker run over every fixture (their module names are distinct), with the real addons path.
        const dirs = jobs.map((job) => job.dir);
        const checked = await checkAddons(dirs, { series, addonsPath: [...tree.addonsPaths, ...dirs] });
        assert.deepEqual(
          checked.findings.filter((f) => f.file.startsWith(`${cleanFixture.module}/`)),
          [],
          'the clean fixture has no finding',
        );
        const problems = ruleFixtures.flatMap((fixture, index) =>
          fixtureProblems(
            fixture,
            series,
            fixtureRuns[index] as LocalOdooRunResult | ForgeError,
            checked.findings,
            (line) => t.diagnostic(line),
          ),
        );
        assert.deepEqual(problems, []);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  );
}

function fixtureProblems(
  fixture: RuleFixture,
  series: SupportedSeries,
  run: LocalOdooRunResult | ForgeError,
  findings: Awaited<ReturnType<typeof checkAddons>>['findings'],
  log: (line: string) => void,
): string[] {
  const problems: string[] = [];
  const outcome = fixture.odoo[series];
  // Left out by the runner (an addon of another series): what Odoo itself does with it is in
  // docs/checker.md (measured before the runner left such addons out).
  const odooProblem =
    run instanceof ForgeError
      ? outcome.kind === 'other-series'
        ? undefined
        : `the runner refused it: ${run.message}`
      : outcomeProblem(outcome, run);
  if (odooProblem) problems.push(`${fixture.folder} on ${series}: ${odooProblem}`);
  const mine = findings.filter((f) => fixture.modules.some((module) => f.file.startsWith(`${module}/`)));
  const hits = mine.filter((f) => f.rule === fixture.rule);
  const wanted = expectedSeverity(fixture, series);
  const got = [...new Set(hits.map((f) => f.severity))];
  if (wanted === undefined ? got.length > 0 : got.length !== 1 || got[0] !== wanted) {
    problems.push(
      `${fixture.folder} on ${series}: the checker gave ${fixture.rule} ${got.join('/') || 'no finding'}, the outcome "${outcome.kind}" wants ${wanted ?? 'no finding'}`,
    );
  }
  const others = mine.filter((f) => f.severity === 'error' && f.rule !== fixture.rule);
  if (others.length > 0)
    problems.push(`${fixture.folder} on ${series}: other errors: ${others.map((f) => f.rule).join(', ')}`);
  log(
    `${series} ${fixture.folder}: odoo ${outcome.kind} (${run instanceof ForgeError ? 'left out by the runner' : `installed=${run.report.installed}`}), checker ${got.join('/') || 'none'}`,
  );
  return problems;
}
