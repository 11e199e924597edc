#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's test runner (TypeScript through tsx), prints the
// spec report and a closing "N passed, N failed, N skipped" line, and fails when no test ran.
// Usage: npm test [-- PATH...]   (a PATH is a test file or a folder under test/)
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';

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
 * One summary file per run: several runs may share a checkout.
 */
async function runBatch(batch, concurrency, label) {
  const summaryFile = join(tmpdir(), `forge-test-summary-${process.pid}-${label}.txt`);
  const args = [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/count-reporter.mjs',
    `--test-reporter-destination=${summaryFile}`,
    ...batch,
  ];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  const code = await new Promise((done) => child.on('close', (c, signal) => done(c ?? (signal ? 1 : 0))));
  let summary = '';
  try {
    summary = readFileSync(summaryFile, 'utf8').trim();
    rmSync(summaryFile);
  } catch {
    summary = '';
  }
  const match = /^(\d+) passed, (\d+) failed, (\d+) skipped/m.exec(summary);
  if (!match) {
    console.error(`The test runner produced no summary for the ${label} tests.`);
    return { code: 1, passed: 0, failed: 1, skipped: 0 };
  }
  return { code, passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3]) };
}

// Tests that drive the container engine run one file at a time, after the others: Podman 4.3
// answers spurious 500s when several files start and remove stacks at once on 2 cores.
// The backup, mail and deploy-unit tests under test/runner/ and the checker action's tests do not
// touch the engine: they run in the main batch.
const containerTests = [
  `${sep}test${sep}runner${sep}stack${sep}`,
  `${sep}test${sep}runner${sep}cli${sep}`,
  `${sep}test${sep}runner${sep}containers${sep}`,
  `${sep}test${sep}runner${sep}images${sep}`,
  `${sep}test${sep}runner${sep}deploy${sep}deploy-scenario.test.ts`,
  `${sep}test${sep}actions${sep}test-`,
  `${sep}test${sep}e2e${sep}readme-main-job.test.ts`,
  `${sep}test${sep}app${sep}app-container.test.ts`,
];
const isContainerTest = (file) => containerTests.some((part) => file.includes(part));
// Files that run real Odoo for minutes start first, longest first: two of them share the two
// cores while the short files fill in behind, instead of one long file running alone at the end.
const longFirst = [
  `${sep}test${sep}e2e${sep}examples-on-real-odoo.test.ts`,
  `${sep}test${sep}ui-check${sep}`,
  `${sep}test${sep}runner${sep}backup${sep}backup-real-odoo.test.ts`,
  `${sep}test${sep}checker${sep}odoo-fixtures.test.ts`,
  `${sep}test${sep}local-odoo${sep}run-local-odoo.test.ts`,
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

const total = { code: 0, passed: 0, failed: 0, skipped: 0 };
for (const batch of batches) {
  const result = await runBatch(batch.files, batch.concurrency, batch.label);
  total.code ||= result.code;
  total.passed += result.passed;
  total.failed += result.failed;
  total.skipped += result.skipped;
}
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
if (total.passed + total.failed === 0) {
  console.error('No test ran: that is a failure.');
  process.exit(1);
}
process.exit(total.code !== 0 || total.failed > 0 ? 1 : 0);
