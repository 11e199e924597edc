// A node:test reporter that prints the closing line CI reads: "N passed, N failed, N skipped".
// Suites (describe blocks) are not counted; only the tests inside them.
// After that line, one "file-time: <ms> <file>" line per test file (the sum of its top-level tests'
// durations), which scripts/run-tests.mjs turns into the table of the slowest files.
export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const fileTimes = new Map();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { details, skip, todo, nesting, file } = event.data;
    if (nesting === 0 && file && typeof details?.duration_ms === 'number') {
      fileTimes.set(file, (fileTimes.get(file) ?? 0) + details.duration_ms);
    }
    if (details?.type === 'suite') continue;
    if (skip || todo) skipped += 1;
    else if (event.type === 'test:pass') passed += 1;
    else failed += 1;
  }
  yield `\n${passed} passed, ${failed} failed, ${skipped} skipped\n`;
  for (const [file, ms] of fileTimes) yield `file-time: ${Math.round(ms)} ${file}\n`;
}
