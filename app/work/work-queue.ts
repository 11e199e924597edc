/** Something that logs a failure of background work (Probot's logger fits). */
export interface WorkLogger {
  error(details: Record<string, unknown>, message: string): void;
}

/**
 * The slow part of every webhook runs here, after the HTTP answer. Work with the same key
 * (one issue) runs one after the other, so a redelivered webhook sees what the first delivery
 * did; different keys run concurrently. `idle()` resolves when nothing is pending: tests and
 * graceful shutdown await it. Created by the composition root, one per app.
 */
export class WorkQueue {
  readonly #tails = new Map<string, Promise<void>>();
  readonly #pending = new Set<Promise<void>>();
  readonly #log: WorkLogger;
  #done = 0;
  #failed = 0;

  constructor(log: WorkLogger) {
    this.#log = log;
  }

  /** Queues `work` under `key` and returns at once. */
  enqueue(key: string, name: string, work: () => Promise<void>): void {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const next = previous.then(work).then(
      () => {
        this.#done += 1;
      },
      (thrown: unknown) => {
        this.#failed += 1;
        this.#log.error({ err: thrown, work: name, key }, `background work ${name} failed`);
      },
    );
    this.#tails.set(key, next);
    this.#pending.add(next);
    void next.finally(() => {
      this.#pending.delete(next);
      if (this.#tails.get(key) === next) this.#tails.delete(key);
    });
  }

  /** Resolves once every queued piece of work, including work queued meanwhile, has settled. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  get stats(): { done: number; failed: number; pending: number } {
    return { done: this.#done, failed: this.#failed, pending: this.#pending.size };
  }
}
