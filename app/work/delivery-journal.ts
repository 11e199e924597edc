import { mkdir, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Which deliveries' work has run to its end (done or failed and logged), by delivery id (GUID). */
export interface DeliveryJournal {
  finished(deliveryId: string): Promise<boolean>;
  markFinished(deliveryId: string, outcome: 'done' | 'failed'): Promise<void>;
}

/** A journal of one process (tests, or a deployment that accepts losing work on a restart). */
export class MemoryDeliveryJournal implements DeliveryJournal {
  readonly #finished = new Map<string, string>();

  finished(deliveryId: string): Promise<boolean> {
    return Promise.resolve(this.#finished.has(deliveryId));
  }

  markFinished(deliveryId: string, outcome: 'done' | 'failed'): Promise<void> {
    this.#finished.set(deliveryId, outcome);
    return Promise.resolve();
  }
}

const SAFE_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * One small file per finished delivery under `<stateDir>/deliveries/`, written once the work has
 * ended; every replica that mounts the same folder sees it. A restart or crash before that leaves
 * no file, so the start-up recovery (recoverDeliveries) asks GitHub to redeliver it. Files older
 * than `keepDays` are removed by `prune()` (GitHub lists deliveries of the last 3 days only).
 */
export class FileDeliveryJournal implements DeliveryJournal {
  readonly #dir: string;

  constructor(stateDir: string) {
    this.#dir = join(stateDir, 'deliveries');
  }

  async open(): Promise<this> {
    await mkdir(this.#dir, { recursive: true });
    return this;
  }

  async finished(deliveryId: string): Promise<boolean> {
    if (!SAFE_ID.test(deliveryId)) return false;
    return stat(join(this.#dir, deliveryId)).then(
      () => true,
      () => false,
    );
  }

  async markFinished(deliveryId: string, outcome: 'done' | 'failed'): Promise<void> {
    if (!SAFE_ID.test(deliveryId)) return;
    await writeFile(join(this.#dir, deliveryId), `${outcome} ${new Date().toISOString()}\n`);
  }

  async prune(keepDays = 7, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.#dir)) {
      const path = join(this.#dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > keepDays * 86_400_000) {
        await unlink(path).catch(() => undefined);
        removed += 1;
      }
    }
    return removed;
  }
}
