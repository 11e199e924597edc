import { spawn } from 'node:child_process';
import { ForgeError } from '../../core/errors/forge-error.js';

/**
 * Runs `fn` while holding an exclusive `flock` on `lockFile` (util-linux flock, so other
 * processes, even non-Node ones, respect it). The lock is held by a child that exits when its
 * stdin closes: if this process dies, the lock goes with it.
 */
export async function withFileLock<T>(lockFile: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const holder = spawn(
    'flock',
    [
      '--exclusive',
      '--timeout',
      String(Math.ceil(timeoutMs / 1000)),
      lockFile,
      'sh',
      '-c',
      'echo locked; exec cat >/dev/null',
    ],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const released = new Promise<void>((resolve) => holder.once('close', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      let stderr = '';
      holder.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      holder.stdout.once('data', () => resolve());
      holder.once('error', reject);
      holder.once('close', (code) =>
        reject(
          new ForgeError(
            'lock.timeout',
            `could not lock ${lockFile} within ${timeoutMs} ms (flock exit ${code}): ${stderr.trim()}`,
            {
              hint: 'another run holds it; wait, or remove a stale holder process',
            },
          ),
        ),
      );
    });
    return await fn();
  } finally {
    holder.stdin.end();
    await released;
  }
}
