import { mkdir, readFile, rename, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokenStore } from '../../core/llm/token-budget.js';

const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 15_000;

/**
 * Token counts as small JSON files under `<stateDir>/tokens/`, one per installation and month.
 * Every replica that mounts the same folder shares them; an `add` holds a lock (a directory
 * created with `mkdir`, atomic on POSIX file systems and NFS) while it reads and rewrites the
 * count, and a lock left by a killed process is broken after 30 s.
 */
export class FileTokenStore implements TokenStore {
  readonly #dir: string;

  constructor(stateDir: string) {
    this.#dir = join(stateDir, 'tokens');
  }

  async add(key: string, tokens: number, limit?: number): Promise<{ added: boolean; total: number }> {
    if (!/^[A-Za-z0-9_-]+$/.test(key))
      throw new Error(`token count key ${JSON.stringify(key)} is not a file name`);
    await mkdir(this.#dir, { recursive: true });
    const path = join(this.#dir, `${key}.json`);
    return this.#locked(`${path}.lock`, async () => {
      const current = await readFile(path, 'utf8').then(
        (text) => (JSON.parse(text) as { tokens: number }).tokens,
        () => 0,
      );
      if (limit !== undefined && tokens > 0 && current + tokens > limit)
        return { added: false, total: current };
      const total = Math.max(0, current + tokens);
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify({ tokens: total })}\n`);
      await rename(temporary, path);
      return { added: true, total };
    });
  }

  async #locked<T>(lock: string, work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        await mkdir(lock);
        break;
      } catch (thrown) {
        if ((thrown as NodeJS.ErrnoException).code !== 'EEXIST') throw thrown;
        const info = await stat(lock).catch(() => undefined);
        if (info && Date.now() - info.mtimeMs > LOCK_STALE_MS) await rmdir(lock).catch(() => undefined);
        else if (Date.now() > deadline)
          throw new Error(`the token count lock ${lock} is held for more than ${LOCK_WAIT_MS} ms`);
        else await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
      }
    }
    try {
      return await work();
    } finally {
      await rmdir(lock).catch(() => undefined);
    }
  }
}
