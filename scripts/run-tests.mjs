#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's test runner (TypeScript through tsx), prints the
// spec report and a closing "N passed, N failed, N skipped" line, and fails when no test ran.
// Usage: npm test [-- PATH...]   (a PATH is a test file or a folder under test/)
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

// One summary file per run: several runs may share a checkout.
const summaryFile = join(tmpdir(), `forge-test-summary-${process.pid}.txt`);
const args = [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/count-reporter.mjs',
  `--test-reporter-destination=${summaryFile}`,
  ...files,
];
const child = spawn(process.execPath, args, { stdio: 'inherit' });
const code = await new Promise((done) => child.on('close', (c, signal) => done(c ?? (signal ? 1 : 0))));
const { readFileSync, rmSync } = await import('node:fs');
let summary = '';
try {
  summary = readFileSync(summaryFile, 'utf8').trim();
  rmSync(summaryFile);
} catch {
  summary = '';
}
const match = /^(\d+) passed, (\d+) failed/m.exec(summary);
if (!match) {
  console.error('The test runner produced no summary.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log(`\n${summary}`);
const passed = Number(match[1]);
const failed = Number(match[2]);
if (passed + failed === 0) {
  console.error('No test ran: that is a failure.');
  process.exit(1);
}
process.exit(code !== 0 || failed > 0 ? 1 : 0);
