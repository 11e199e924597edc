import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The delivery whose work is running, carried through every `await` of that work
 * (AsyncLocalStorage). The app's logger reads it in a pino `mixin`, so every log line of the
 * work a delivery caused, Probot's and the handlers' included, carries `delivery: <id>`.
 * Created by the composition root, one per app.
 */
export class DeliveryScope {
  readonly #storage = new AsyncLocalStorage<string>();

  run<T>(deliveryId: string, work: () => Promise<T>): Promise<T> {
    return this.#storage.run(deliveryId, work);
  }

  current(): string | undefined {
    return this.#storage.getStore();
  }

  /** A pino `mixin`: `{ delivery }` inside a delivery's work, nothing outside. */
  readonly mixin = (): Record<string, unknown> => {
    const delivery = this.#storage.getStore();
    return delivery === undefined ? {} : { delivery };
  };
}
