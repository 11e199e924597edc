// Benchmark of a pull request's verdict: the actions/test bundle (as the runner runs it) on the
// library example (examples/library.yaml, generated), next to an OCA-style run of the same addon
// (a fresh database, `-i` with its dependencies, no template), on the same machine in the same run:
//   cold + browser   : a template key never seen (a fresh copy of the Odoo tree): template built
//   warm + browser   : the same again, template ready
//   cold, no browser : another fresh key, browser-checks false
//   warm, no browser : template ready, browser-checks false
//   OCA-style        : runOdooTests without a template (base, mail and the addon in one run)
// Prints each wall time and the ratios to the OCA-style run, with the machine's load.
// Needs an Odoo 18.0 tree (ODOO_SRC_18 or ODOO_SRC), a container engine, the local images, Chromium.
// Run: node --import tsx bench/pr-verdict.ts
// While developing, BENCH_ONLY=warm runs the action twice on the tree itself (its template built
// by the first run when missing), with browser checks, and prints the second run only (no OCA row).
// Each run prints its phases (template, database, install with tests, Odoo served for the checks,
// Chromium, assets, setup, each user's pass, the slowest steps) and, for a verdict that is not
// success, each failing check's page, step and message. BENCH_LOG=1 prints the action's log too.
// BENCH_ONLY=compare with BENCH_ACTION=source and BENCH_BASELINE=/work/main: warm runs (with and
// without browser checks) of the baseline checkout's actions/test source and this one's in turn,
// BENCH_ROUNDS rounds (default 3), then the medians. Every row gives the job's wall time (main and
// post) and the time to the verdict (the last check run completed in the GitHub fake).
// BENCH_BROWSER=false (or true) limits the compare and warm modes to the runs without (with) browser
// checks; default: compare runs both, warm runs with browser checks.
// BENCH_ACTION=source runs actions/test from its TypeScript source (through tsx) instead of the
// committed bundle, which lags the source until the bundles are rebuilt.
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate } from '../core/generator/generate.js';
import { parseSpec } from '../core/spec/parse-spec.js';
import { discoverEngine } from '../runner/containers/discover-engine.js';
import { readOdooSourceTree } from '../runner/local-odoo/odoo-source-tree.js';
import type { PrReport } from '../runner/report/pr-report.js';
import { planAddons } from '../runner/addons/plan-addons.js';
import { parseOdooLog } from '../runner/odoo/parse-odoo-log.js';
import { judgeReport, STACK_BASELINE } from '../runner/stack/run-odoo-tests.js';
import { OdooStack } from '../runner/stack/odoo-stack.js';
import { templateFor } from '../runner/stack/template-database.js';
import {
  DEFAULT_TTL_SECONDS,
  defaultPostgresImage,
  defaultRuntimeImage,
} from '../runner/stack/stack-settings.js';
import { startActionGitHub } from '../test/actions/support/action-github.js';
import { makeGitWorkspace, type TreeFiles } from '../test/actions/support/git-workspace.js';
import { pullRequestEvent } from '../test/actions/support/pull-request-event.js';
import { nodeRuntimes, runAction, type NodeRuntime } from '../test/actions/support/run-action.js';

const root = new URL('..', import.meta.url).pathname;
const treePath = process.env.ODOO_SRC_18 ?? process.env.ODOO_SRC;
if (!treePath) throw new Error('set ODOO_SRC_18 (or ODOO_SRC) to an Odoo 18.0 tree');
const tree = readOdooSourceTree(treePath);

const parsed = parseSpec(readFileSync(join(root, 'examples/library.yaml'), 'utf8'));
if (!parsed.ok) throw new Error('examples/library.yaml does not parse');
const spec = parsed.spec;
const module = spec.module.name;
const files: TreeFiles = {};
for (const [path, contents] of generate(spec)) files[`addons/${module}/${path}`] = contents;
const ws = makeGitWorkspace({}, files);
chmodSync(ws.dir, 0o755);
const github = await startActionGitHub('acme', 'bench-pr-verdict');
const node = nodeRuntimes[0] as NodeRuntime;
const copies: string[] = [];

/** A copy of the Odoo tree at a new path: a template key no run has seen (a cold run). */
function freshTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-bench-tree-'));
  chmodSync(dir, 0o755); // the Odoo container reads it as another user
  cpSync(tree.root, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

/**
 * With BENCH_ACTION=source: an action folder whose dist/ entries load the worktree's TypeScript
 * entries through tsx (its transform cache makes the later runs start as fast as the bundle).
 */
function sourceActionDir(from: string = root): string | undefined {
  if (process.env.BENCH_ACTION !== 'source') return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'forge-bench-action-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'dist'));
  copyFileSync(join(from, 'actions/test/action.yml'), join(dir, 'action.yml'));
  const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/esm/api/index.mjs')).href;
  for (const [file, entry] of [
    ['index.js', 'entry-main.ts'],
    ['post.js', 'entry-post.ts'],
  ] as const) {
    const source = pathToFileURL(join(from, 'actions/test/src', entry)).href;
    writeFileSync(
      join(dir, 'dist', file),
      `import { register } from '${tsx}';\nregister();\nawait import('${source}');\n`,
    );
  }
  return dir;
}
const actionDir = sourceActionDir();
/** BENCH_BASELINE=/work/main (with BENCH_ONLY=compare): another checkout's actions/test source, run in turn with this one. */
const baseline = process.env.BENCH_BASELINE;
const baselineDir = baseline ? sourceActionDir(baseline) : undefined;

let lastLog = '';

interface Row {
  label: string;
  /** The job's wall time: main and post, from start to the last process exit. */
  seconds: number;
  /** From the start to the last check run completed in the GitHub fake (the verdict users wait for). */
  verdictSeconds?: number;
  verdict: string;
  /** Indented lines under the row: phases, failures. */
  details: string[];
}

const sec = (n: number | undefined): string => (n === undefined ? '?' : `${n.toFixed(1)} s`);

/** Where one run's time went, from its report (tests.timings, browser.timings). */
function phasesOf(report: PrReport, wallSeconds: number): string[] {
  const lines: string[] = [];
  for (const series of report.series) {
    const t = series.tests.timings;
    const template = series.tests.template ? (series.tests.template.built ? 'built' : 'reused') : 'none';
    lines.push(
      `${series.series}: stack: template ${template} ${sec(t?.template)}, database ${sec(t?.database)}; install+tests ${sec(t?.install)}; teardown ${sec(t?.teardown)}; tests total ${sec(series.tests.seconds)}`,
    );
    const b = series.browser.timings;
    if (b) {
      const users = b.users.map((u) => `${u.login} ${u.steps} steps ${sec(u.seconds)}`).join(', ');
      lines.push(
        `${series.series}: browser: Odoo served ${sec(b.serve)}; check ${sec(series.browser.seconds)} (Chromium up at ${sec(b.launch)}, assets at ${sec(b.assets)}, setup done at ${sec(b.setup)}; users at once: ${users}; close ${sec(b.close)})`,
      );
      lines.push(
        `${series.series}: slowest steps: ${b.slowest.map((s) => `${s.page} / ${s.step} ${sec(s.seconds)}`).join('; ')}`,
      );
    } else if (series.browser.conclusion !== 'skipped' || series.browser.reason) {
      lines.push(
        `${series.series}: browser: ${series.browser.conclusion}${series.browser.reason ? ` (${series.browser.reason})` : ''}`,
      );
    }
    for (const stage of series.stages ?? [])
      lines.push(`${series.series}: stage ${stage.name}: ${stage.conclusion} ${sec(stage.seconds)}`);
    lines.push(`${series.series}: series wall ${sec(series.wallSeconds)}`);
  }
  const seriesWall = report.series.reduce((sum, s) => sum + s.wallSeconds, 0);
  lines.push(`action outside the series (plan, check runs, report, post): ${sec(wallSeconds - seriesWall)}`);
  return lines;
}

/** For a verdict that is not success: each failing check with its page, step and message. */
function failuresOf(report: PrReport): string[] {
  const lines: string[] = [];
  for (const series of report.series) {
    if (series.tests.conclusion === 'failure') {
      for (const reason of series.tests.reasons)
        lines.push(`FAILED tests (${series.series}): ${reason.slice(0, 400)}`);
    }
    const browser = series.browser;
    if (browser.conclusion !== 'failure') continue;
    if (browser.failures.length === 0)
      lines.push(`FAILED browser (${series.series}): ${browser.reason ?? 'no reason given'}`);
    for (const f of browser.failures.slice(0, 10)) {
      lines.push(
        `FAILED browser (${series.series}): page "${f.action}", step "${f.step}": ${f.message.replace(/\s+/g, ' ').slice(0, 400)}`,
      );
    }
    if (browser.failures.length > 10)
      lines.push(`... and ${browser.failures.length - 10} more browser failures`);
  }
  return lines;
}

/** Seconds from `startedAt` (epoch ms) to the last completion of a check run created after `afterId`. */
function verdictAfter(afterId: number, startedAt: number): number | undefined {
  const done = github.repo.checkRuns
    .filter((r) => r.id > afterId && r.completedAt)
    .map((r) => Date.parse(r.completedAt as string));
  return done.length > 0 ? (Math.max(...done) - startedAt) / 1000 : undefined;
}

const lastCheckRunId = (): number => Math.max(0, ...github.repo.checkRuns.map((r) => r.id));

async function actionRun(
  label: string,
  odooSrc: string,
  browser: boolean,
  number: number,
  fromDir: string | undefined = actionDir,
): Promise<Row> {
  const afterId = lastCheckRunId();
  const startedAt = Date.now();
  const started = performance.now();
  const run = await runAction({
    action: 'test',
    ...(fromDir ? { actionDir: fromDir } : {}),
    node,
    inputs: {
      'addons-path': 'addons',
      'odoo-src': odooSrc,
      'browser-checks': String(browser),
      'github-token': github.token,
    },
    workspace: ws.dir,
    event: pullRequestEvent({
      owner: 'acme',
      repo: 'bench-pr-verdict',
      number,
      baseSha: ws.baseSha,
      headSha: ws.headSha,
    }),
    apiUrl: github.served.baseUrl,
    repository: github.repository,
    sha: ws.headSha,
    env: Object.fromEntries(
      ['DOCKER_HOST', 'CHROMIUM_PATH'].flatMap((k) =>
        process.env[k] ? [[k, process.env[k] as string]] : [],
      ),
    ),
    timeoutMs: 30 * 60_000,
  });
  const seconds = (performance.now() - started) / 1000;
  lastLog = run.main.stdout;
  const report = run.main.outputFiles.report
    ? (JSON.parse(run.main.outputFiles.report) as PrReport)
    : undefined;
  const series = report?.series[0];
  const template = series?.tests.template
    ? `template ${series.tests.template.built ? 'built' : 'reused'}`
    : 'no template';
  const verdict = series
    ? `${report?.conclusion}: tests ${series.tests.conclusion} (${series.tests.testsRun} run, ${template}, ${series.tests.seconds} s), browser ${series.browser.conclusion} (${series.browser.steps} steps, ${series.browser.seconds} s)`
    : `exit ${run.main.exitCode}: ${run.main.stdout
        .split('\n')
        .filter((l) => l.startsWith('::error'))
        .join(' ')
        .slice(0, 300)}`;
  const removedLine = /stack removed (\d+) ms after the verdict was ready/.exec(run.main.stdout);
  const removal = removedLine
    ? [`stack removal after the verdict: ${sec(Number(removedLine[1]) / 1000)}`]
    : [];
  const details = report ? [...phasesOf(report, seconds), ...removal, ...failuresOf(report)] : [];
  const verdictSeconds = verdictAfter(afterId, startedAt);
  return { label, seconds, ...(verdictSeconds === undefined ? {} : { verdictSeconds }), verdict, details };
}

/**
 * OCA's CI on the same machine: a fresh database, the dependencies installed with `-i` (no tests,
 * as oca_install_addons does), then `-i` the addon with its tests; nothing reused.
 */
async function ocaStyle(): Promise<Row> {
  const driver = await discoverEngine({ env: process.env });
  const silent = { info: () => {}, warn: () => {}, debug: () => {} };
  const settings = {
    odooSeries: tree.series,
    odoo: {
      kind: 'source' as const,
      sourceDir: tree.root,
      runtimeImage: defaultRuntimeImage(tree.series, process.env),
    },
    postgresImage: defaultPostgresImage(process.env),
    addonsDirs: [join(ws.dir, 'addons')],
    ttlSeconds: DEFAULT_TTL_SECONDS,
    repository: 'acme/bench-pr-verdict',
  };
  const plan = await planAddons([module], settings.addonsDirs, tree.series, { baseline: STACK_BASELINE });
  const started = performance.now();
  const stack = new OdooStack(driver, settings, silent);
  try {
    await stack.startDatabase();
    const dbSeconds = (performance.now() - started) / 1000;
    const deps = await stack.runOdoo({ install: plan.dependencies });
    if (deps.exitCode !== 0)
      throw new Error(`installing ${plan.dependencies.join(',')} failed (exit ${deps.exitCode})`);
    const depsSeconds = (performance.now() - started) / 1000 - dbSeconds;
    const run = await stack.runOdoo({ install: [module], testModules: [module] });
    const addonSeconds = (performance.now() - started) / 1000 - dbSeconds - depsSeconds;
    const report = parseOdooLog(run.log, { modules: [module] });
    const verdict = judgeReport(report, run.exitCode, false);
    const seconds = (performance.now() - started) / 1000;
    return {
      label: 'OCA-style (fresh db, -i deps, -i addon)',
      seconds,
      verdict: verdict.ok ? `success (${report.testsRun} tests)` : verdict.reasons.join('; '),
      details: [
        `database ${sec(dbSeconds)}; -i dependencies ${sec(depsSeconds)}; -i addon with tests ${sec(addonSeconds)}`,
      ],
    };
  } finally {
    await stack.down();
  }
}

/** The template volumes of the tree copies are the bench's own: removed with the copies. */
async function removeBenchTemplates(): Promise<void> {
  const driver = await discoverEngine({ env: process.env });
  const addonsDirs = [join(ws.dir, 'addons')];
  const plan = await planAddons([module], addonsDirs, tree.series, { baseline: STACK_BASELINE });
  for (const sourceDir of copies) {
    const ref = await templateFor(
      driver,
      {
        odooSeries: tree.series,
        odoo: { kind: 'source', sourceDir, runtimeImage: defaultRuntimeImage(tree.series, process.env) },
        postgresImage: defaultPostgresImage(process.env),
        addonsDirs,
        ttlSeconds: DEFAULT_TTL_SECONDS,
      },
      plan.dependencies,
    );
    await driver.removeVolume(ref.readyMarker);
    await driver.removeVolume(ref.volume);
  }
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(
  `pr-verdict bench: ${module} on Odoo ${tree.version}, ${cpus().length} cores, load ${load()}, actions/test from ${actionDir ? 'its TypeScript source (BENCH_ACTION=source)' : 'its committed bundle'}`,
);
const rows: Row[] = [];
try {
  if (process.env.BENCH_ONLY === 'compare') {
    if (!baselineDir) throw new Error('BENCH_ONLY=compare needs BENCH_ACTION=source and BENCH_BASELINE=DIR');
    const rounds = Number(process.env.BENCH_ROUNDS ?? '3');
    const pair = [
      ['baseline', baselineDir],
      ['this tree', actionDir],
    ] as const;
    let number = 1;
    await actionRun('actions/test (template warm-up)', tree.root, true, number++);
    const kinds =
      process.env.BENCH_BROWSER === 'false'
        ? [false]
        : process.env.BENCH_BROWSER === 'true'
          ? [true]
          : [true, false];
    for (let round = 1; round <= rounds; round++)
      for (const browser of kinds)
        // Who goes first swaps every round, so neither always follows the other's runs.
        for (const [who, dir] of round % 2 ? pair : [...pair].reverse())
          rows.push(
            await actionRun(
              `r${round} ${who} warm${browser ? ' + browser' : ', no browser'}`,
              tree.root,
              browser,
              number++,
              dir,
            ),
          );
  } else if (process.env.BENCH_ONLY === 'warm') {
    const browser = process.env.BENCH_BROWSER !== 'false';
    await actionRun('actions/test (template warm-up)', tree.root, browser, 1);
    rows.push(
      await actionRun(`actions/test warm${browser ? ' + browser' : ', no browser'}`, tree.root, browser, 2),
    );
    if (process.env.BENCH_LOG === '1') console.log(lastLog);
  } else {
    const coldTree = freshTree();
    rows.push(await actionRun('actions/test cold + browser', coldTree, true, 1));
    rows.push(await actionRun('actions/test warm + browser', coldTree, true, 2));
    const coldTree2 = freshTree();
    rows.push(await actionRun('actions/test cold, no browser', coldTree2, false, 3));
    rows.push(await actionRun('actions/test warm, no browser', coldTree2, false, 4));
    rows.push(await ocaStyle());
  }
} finally {
  await removeBenchTemplates();
  ws.remove();
  await github.close();
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
}
const oca = rows.find((r) => r.label.startsWith('OCA'))?.seconds ?? Number.NaN;
for (const row of rows) {
  const ratio = row.label.startsWith('OCA')
    ? ''
    : `  (${(oca / row.seconds).toFixed(2)}x faster than OCA-style)`;
  const verdictAt = row.verdictSeconds === undefined ? '' : `  verdict at ${row.verdictSeconds.toFixed(1)} s`;
  console.log(
    `${row.label.padEnd(36)} ${row.seconds.toFixed(1).padStart(7)} s${verdictAt}${ratio}  ${row.verdict}`,
  );
  for (const line of row.details) console.log(`    ${line}`);
}
if (process.env.BENCH_ONLY === 'compare') {
  const median = (xs: number[]): number => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  };
  const kinds = [...new Set(rows.map((r) => r.label.replace(/^r\d+ /, '')))];
  for (const kind of kinds) {
    const of = rows.filter((r) => r.label.replace(/^r\d+ /, '') === kind);
    const verdicts = of.flatMap((r) => (r.verdictSeconds === undefined ? [] : [r.verdictSeconds]));
    console.log(
      `median ${kind.padEnd(30)} job ${median(of.map((r) => r.seconds)).toFixed(1)} s, verdict ${verdicts.length ? median(verdicts).toFixed(1) : '?'} s (${of.length} rounds)`,
    );
  }
}
console.log(`load at the end: ${load()}`);
