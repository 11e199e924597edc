/** Something that logs a failure of background work (Probot's logger fits). */
export interface WorkLogger {
  error(details: Record<string, unknown>, message: string): void;
}

export interface WorkQueueOptions {
  /** Pieces of work running at once across all keys (default 4): the webhook answers stay fast. */
  maxConcurrent?: number;
  /** How long a piece of work waits for a pause in the HTTP traffic at most (default 1000 ms). */
  maxDeferMs?: number;
  /** How long no request must have arrived for the traffic to count as paused (default 20 ms). */
  quietMs?: number;
}

/**
 * The slow part of every webhook runs here, after the HTTP answer. Work with the same key
 * (one issue) runs one after the other, so a redelivered webhook sees what the first delivery
 * did; different keys run concurrently, at most `maxConcurrent` at a time, so a burst of
 * deliveries cannot starve the HTTP server. `idle()` resolves when nothing is pending: tests and
 * graceful shutdown await it. Created by the composition root, one per app.
 */
export class WorkQueue {
  readonly #tails = new Map<string, Promise<void>>();
  readonly #pending = new Set<Promise<void>>();
  readonly #waiting: Array<() => void> = [];
  readonly #log: WorkLogger;
  readonly #maxConcurrent: number;
  readonly #maxDeferMs: number;
  #running = 0;
  readonly #quietMs: number;
  #answering = 0;
  #quiet: Array<() => void> = [];
  #quietTimer: NodeJS.Timeout | undefined;
  #done = 0;
  #failed = 0;

  constructor(log: WorkLogger, options: WorkQueueOptions = {}) {
    this.#log = log;
    this.#maxConcurrent = options.maxConcurrent ?? 4;
    this.#maxDeferMs = options.maxDeferMs ?? 1000;
    this.#quietMs = options.quietMs ?? 20;
  }

  /**
   * The HTTP server calls this when a request arrives and the returned function once it is
   * answered. New work starts only once no request has been in flight for `quietMs` (or after
   * `maxDeferMs`), so a burst of deliveries is acknowledged before its work competes for the CPU.
   */
  answering(): () => void {
    this.#answering += 1;
    clearTimeout(this.#quietTimer);
    this.#quietTimer = undefined;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#answering -= 1;
      if (this.#answering > 0) return;
      clearTimeout(this.#quietTimer);
      this.#quietTimer = setTimeout(() => {
        this.#quietTimer = undefined;
        if (this.#answering === 0) for (const wake of this.#quiet.splice(0)) wake();
      }, this.#quietMs);
    };
  }

  /**
   * Queues `work` under `key` and returns at once; the work starts after the current I/O turn.
   * Several keys: the work waits for the work queued before it under any of them, and work queued
   * after it under any of them waits for it. `fields` go into the log line of a failure (the delivery id).
   */
  enqueue(
    key: string | readonly string[],
    name: string,
    work: () => Promise<void>,
    fields: Record<string, unknown> = {},
  ): void {
    const keys = typeof key === 'string' ? [key] : [...new Set(key)];
    const previous = Promise.all(keys.map((k) => this.#tails.get(k) ?? Promise.resolve()));
    const next = previous
      .then(() => this.#quietMoment())
      .then(() => this.#slot())
      .then(async () => {
        try {
          await work();
          this.#done += 1;
        } catch (thrown) {
          this.#failed += 1;
          this.#log.error({ ...fields, err: thrown, work: name, key }, `background work ${name} failed`);
        } finally {
          this.#release();
        }
      });
    for (const k of keys) this.#tails.set(k, next);
    this.#pending.add(next);
    void next.finally(() => {
      this.#pending.delete(next);
      for (const k of keys) if (this.#tails.get(k) === next) this.#tails.delete(k);
    });
  }

  /** Resolves once every queued piece of work, including work queued meanwhile, has settled. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  get stats(): { done: number; failed: number; pending: number } {
    return { done: this.#done, failed: this.#failed, pending: this.#pending.size };
  }

  /** Resolves when no HTTP request is being answered, or after `maxDeferMs`. */
  #quietMoment(): Promise<void> {
    if (this.#answering === 0 && this.#quietTimer === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.#maxDeferMs);
      this.#quiet.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Waits for a free slot; `setImmediate` lets pending HTTP answers go out first. */
  #slot(): Promise<void> {
    return new Promise((resolve) => {
      const start = (): void => {
        this.#running += 1;
        setImmediate(resolve);
      };
      if (this.#running < this.#maxConcurrent) start();
      else this.#waiting.push(start);
    });
  }

  #release(): void {
    this.#running -= 1;
    this.#waiting.shift()?.();
  }
}
