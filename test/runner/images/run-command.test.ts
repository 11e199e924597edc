import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { runCommand } from '../../../runner/images/run-command.js';

// A program that cuts a UTF-8 character between two writes, and interleaves an unfinished
// stderr line with stdout lines.
const script = `
import sys, time
out, err = sys.stdout.buffer, sys.stderr.buffer
out.write(b'price: 5 \\xe2'); out.flush(); time.sleep(0.1)
err.write(b'warn: half'); err.flush(); time.sleep(0.1)
out.write(b'\\x82\\xac\\n'); out.flush(); time.sleep(0.1)
err.write(b' of a line\\n'); err.flush()
out.write(b'no newline at the end')
`;

test('runCommand: a character cut between two writes stays whole, stdout and stderr lines stay apart', async () => {
  const seen: string[] = [];
  const output = await runCommand('python3', ['-c', script], { onLine: (line) => seen.push(line) });
  assert.deepEqual(seen, ['price: 5 €', 'warn: half of a line', 'no newline at the end']);
  assert.equal(output, seen.join('\n'));
});

test('runCommand: a failing program rejects with its exit code and last lines', async () => {
  const error = await runCommand('python3', ['-c', 'print("gone wrong"); raise SystemExit(3)']).catch(
    (e: unknown) => e,
  );
  assert.ok(error instanceof ForgeError);
  assert.equal(error.code, 'images.command-failed');
  assert.match(error.message, /exit 3/);
  assert.match(error.message, /gone wrong/);
});
