import type { DeliveryJournal } from './delivery-journal.js';
import type { DeliveryScope } from './delivery-scope.js';
import type { WorkQueue } from './work-queue.js';
import { workKeysOf, type Delivery } from './work-key.js';

export interface DeliveryRunnerLogger {
  info(details: Record<string, unknown>, message: string): void;
}

/**
 * Turns each verified delivery into exactly one piece of work on the queue, keyed by the issue it
 * is about. Inside it, in the delivery's scope (its id on every log line): skip a delivery the
 * journal says is finished (a redelivery), run Probot's dispatch, then record the delivery as
 * finished, done or failed. A delivery already queued in this process is not queued twice.
 */
export class DeliveryRunner {
  readonly #queued = new Set<string>();
  readonly #work: WorkQueue;
  readonly #journal: DeliveryJournal;
  readonly #scope: DeliveryScope;
  readonly #log: DeliveryRunnerLogger;

  constructor(work: WorkQueue, journal: DeliveryJournal, scope: DeliveryScope, log: DeliveryRunnerLogger) {
    this.#work = work;
    this.#journal = journal;
    this.#scope = scope;
    this.#log = log;
  }

  readonly dispatch = (delivery: Delivery, run: () => Promise<void>): void => {
    const { id, name } = delivery;
    if (this.#queued.has(id)) {
      void this.#scope.run(id, async () =>
        this.#log.info({ event: name }, 'delivery already queued: ignored'),
      );
      return;
    }
    this.#queued.add(id);
    const work = (): Promise<void> =>
      this.#scope.run(id, async () => {
        try {
          if (await this.#journal.finished(id)) {
            this.#log.info({ event: name }, 'delivery already finished: ignored');
            return;
          }
          const started = Date.now();
          let outcome: 'done' | 'failed' = 'failed';
          try {
            await run();
            outcome = 'done';
          } finally {
            await this.#journal.markFinished(id, outcome);
            this.#log.info({ event: name, outcome, ms: Date.now() - started }, 'delivery finished');
          }
        } finally {
          this.#queued.delete(id);
        }
      });
    this.#work.enqueue(workKeysOf(delivery), `${name} delivery ${id}`, work, { delivery: id });
  };
}
