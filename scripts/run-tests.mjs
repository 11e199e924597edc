#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's test runner (TypeScript through tsx), prints the
// spec report and a closing "N passed, N failed, N skipped" line, and fails when no test ran.
// Usage: npm test [-- PATH...]   (a PATH is a test file or a folder under test/)
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { startPythonBytecodeCache } from './python-bytecode-cache.mjs';

function findTests(path) {
  const stat = statSync(path);
  if (stat.isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path)
    .filter((name) => name !== 'fixtures' && name !== 'node_modules')
    .sort()
    .flatMap((name) => findTests(join(path, name)));
}

const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['test'];
const files = roots.flatMap((root) => findTests(resolve(root)));
if (files.length === 0) {
  console.error(`No test files (*.test.ts) found under ${roots.join(', ')}.`);
  process.exit(1);
}

/**
 * Runs `batch` with node's test runner; resolves to the exit code and the counts of the batch.
 * One summary file per run: several runs may share a checkout. With `logFile`, the batch's report
 * goes there instead of stdout (to be printed once it is done, not interleaved with another batch).
 */
async function runBatch(batch, concurrency, label, logFile) {
  const summaryFile = join(tmpdir(), `forge-test-summary-${process.pid}-${label}.txt`);
  const args = [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    `--test-reporter-destination=${logFile ?? 'stdout'}`,
    '--test-reporter=./scripts/count-reporter.mjs',
    `--test-reporter-destination=${summaryFile}`,
    ...batch,
  ];
  const started = Date.now();
  const logFd = logFile ? openSync(logFile, 'a') : undefined;
  const child = spawn(process.execPath, args, {
    stdio: logFd === undefined ? 'inherit' : ['ignore', logFd, logFd],
  });
  if (logFd !== undefined) closeSync(logFd);
  const code = await new Promise((done) => child.on('close', (c, signal) => done(c ?? (signal ? 1 : 0))));
  let summary = '';
  try {
    summary = readFileSync(summaryFile, 'utf8').trim();
    rmSync(summaryFile);
  } catch {
    summary = '';
  }
  const match = /^(\d+) passed, (\d+) failed, (\d+) skipped/m.exec(summary);
  const seconds = (Date.now() - started) / 1000;
  if (!match) {
    console.error(`The test runner produced no summary for the ${label} tests.`);
    return { code: 1, passed: 0, failed: 1, skipped: 0, seconds, fileTimes: [] };
  }
  const fileTimes = [...summary.matchAll(/^file-time: (\d+) (.+)$/gm)].map((m) => ({
    ms: Number(m[1]),
    file: m[2],
  }));
  return {
    code,
    passed: Number(match[1]),
    failed: Number(match[2]),
    skipped: Number(match[3]),
    seconds,
    fileTimes,
  };
}

// Tests that drive the container engine run one file at a time, after the others: Podman 4.3
// answers spurious 500s when several files start and remove stacks at once on 2 cores.
// The backup, mail and deploy-unit tests under test/runner/ and the checker action's tests do not
// touch the engine: they run in the main batch, and so do the files below that sit in a
// container folder but never reach an engine (each file the one-at-a-time batch holds costs its
// whole start-up on the critical path).
const engineFreeTests = [
  `${sep}test${sep}runner${sep}stack${sep}stack-units.test.ts`,
  `${sep}test${sep}runner${sep}stack${sep}readable-by-container.test.ts`,
  `${sep}test${sep}runner${sep}containers${sep}demux-text.test.ts`,
  `${sep}test${sep}runner${sep}containers${sep}discover-engine.test.ts`,
  `${sep}test${sep}runner${sep}containers${sep}podman-driver.test.ts`,
  `${sep}test${sep}runner${sep}images${sep}run-command.test.ts`,
  `${sep}test${sep}runner${sep}images${sep}runner-image-setup-script.test.ts`,
  `${sep}test${sep}actions${sep}test-plan.test.ts`,
  `${sep}test${sep}actions${sep}test-report.test.ts`,
];
const containerTests = [
  `${sep}test${sep}runner${sep}stack${sep}`,
  `${sep}test${sep}runner${sep}cli${sep}`,
  `${sep}test${sep}runner${sep}containers${sep}`,
  `${sep}test${sep}runner${sep}images${sep}`,
  `${sep}test${sep}runner${sep}deploy${sep}deploy-scenario.test.ts`,
  `${sep}test${sep}runner${sep}deploy${sep}deploy-health-browser.test.ts`,
  `${sep}test${sep}runner${sep}deploy${sep}deploy-faults.test.ts`,
  `${sep}test${sep}actions${sep}test-`,
  `${sep}test${sep}actions${sep}deploy-action.test.ts`,
  `${sep}test${sep}e2e${sep}readme-main-job.test.ts`,
  `${sep}test${sep}app${sep}app-container.test.ts`,
];
const isContainerTest = (file) =>
  containerTests.some((part) => file.includes(part)) && !engineFreeTests.some((part) => file.endsWith(part));
// Files that run real Odoo for minutes start first, longest first: two of them share the two
// cores while the short files fill in behind, instead of one long file running alone at the end.
const longFirst = [
  `${sep}test${sep}e2e${sep}examples-on-real-odoo.test.ts`,
  `${sep}test${sep}ui-check${sep}`,
  `${sep}test${sep}runner${sep}backup${sep}backup-real-odoo.test.ts`,
  `${sep}test${sep}checker${sep}odoo-fixtures.test.ts`,
  `${sep}test${sep}local-odoo${sep}run-local-odoo.test.ts`,
  `${sep}test${sep}upgrade${sep}upgrade-stage-on-real-odoo.test.ts`,
  `${sep}test${sep}actions${sep}local-mode-action.test.ts`,
  `${sep}test${sep}repair${sep}deterministic-fixes-on-real-odoo.test.ts`,
];
const rank = (file) => {
  const index = longFirst.findIndex((part) => file.includes(part));
  return index === -1 ? longFirst.length : index;
};
const ordered = (list) =>
  list
    .map((file, index) => ({ file, index }))
    .sort((a, b) => rank(a.file) - rank(b.file) || a.index - b.index)
    .map(({ file }) => file);
const batches = [
  { label: 'main', concurrency: 2, files: ordered(files.filter((file) => !isContainerTest(file))) },
  { label: 'containers', concurrency: 1, files: files.filter(isContainerTest) },
].filter((batch) => batch.files.length > 0);

// Every Python the tests start shares one bytecode cache, filled in the background meanwhile.
const bytecodeCache = startPythonBytecodeCache(process.env);

// The two batches run side by side (FORGE_TEST_BATCHES=serial: one after the other): the container
// batch keeps about one core busy, and the main batch fills the other. The main batch reports on
// stdout as it goes; the container batch's report is printed when both are done.
const serial = process.env.FORGE_TEST_BATCHES === 'serial';
const results = [];
if (serial) {
  for (const batch of batches) results.push(await runBatch(batch.files, batch.concurrency, batch.label));
} else {
  const logs = batches.map((batch, index) =>
    index === 0 ? undefined : join(tmpdir(), `forge-test-report-${process.pid}-${batch.label}.txt`),
  );
  for (const [index, log] of logs.entries()) {
    if (log)
      console.log(
        `The ${batches[index].label} batch runs alongside; its report: ${log} (printed at the end).`,
      );
  }
  results.push(
    ...(await Promise.all(
      batches.map((batch, index) => runBatch(batch.files, batch.concurrency, batch.label, logs[index])),
    )),
  );
  for (const [index, log] of logs.entries()) {
    if (!log) continue;
    console.log(`\n===== ${batches[index].label} batch =====`);
    try {
      console.log(readFileSync(log, 'utf8'));
      rmSync(log);
    } catch {
      console.log(`(no report in ${log})`);
    }
  }
}
console.log(`\n${await bytecodeCache.finish()}`);
const total = { code: 0, passed: 0, failed: 0, skipped: 0 };
const timings = [];
const fileTimes = [];
for (const [index, result] of results.entries()) {
  const batch = batches[index];
  total.code ||= result.code;
  total.passed += result.passed;
  total.failed += result.failed;
  total.skipped += result.skipped;
  timings.push(
    `${batch.label} batch (${batch.files.length} files, ${batch.concurrency} at a time): ${result.seconds.toFixed(0)} s`,
  );
  fileTimes.push(...result.fileTimes);
}
// Where the time goes, for whoever keeps CI fast: each batch's wall time and the slowest files.
console.log(`\nTest time: ${timings.join('; ')}. Slowest files (sum of their tests):`);
for (const { ms, file } of fileTimes.sort((a, b) => b.ms - a.ms).slice(0, 15)) {
  console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${relative(process.cwd(), file)}`);
}
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
if (total.passed + total.failed === 0) {
  console.error('No test ran: that is a failure.');
  process.exit(1);
}
process.exit(total.code !== 0 || total.failed > 0 ? 1 : 0);
