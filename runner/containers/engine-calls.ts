import type { ForgeError } from '../../core/errors/forge-error.js';
import type { Logger } from '../logger.js';
import { engineMessage } from './map-engine-error.js';

/** Operations that are safe to repeat, and that an engine's driver may retry on its own errors. */
export type RetriedOperation = 'list' | 'start';

/** What differs between engines in how a failed call is judged. */
export interface EngineCallPolicy {
  /** The ForgeError for an engine failure of `what`. */
  mapError(thrown: unknown, what: string): ForgeError;
  /** Whether a failed `operation` is worth repeating (a spurious engine error). */
  isTransient(operation: RetriedOperation, thrown: unknown): boolean;
}

const MAX_ATTEMPTS = 5;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the driver's engine calls: repeats a retried operation while the policy calls its error
 * transient, maps failures to ForgeErrors, and logs each call at debug level with the object it
 * acted on (`start container 3f2a…: done in 41 ms`).
 */
export class EngineCalls {
  constructor(
    private readonly logger: Logger,
    private readonly policy: EngineCallPolicy,
  ) {}

  /** Runs `action`, repeating a `retried` operation while it fails transiently; throws the raw error. */
  async attempt<T>(what: string, action: () => Promise<T>, retried?: RetriedOperation): Promise<T> {
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await action();
        this.logger.debug(`${what}: done in ${Date.now() - started} ms`);
        return result;
      } catch (thrown) {
        if (retried === undefined || attempt >= MAX_ATTEMPTS || !this.policy.isTransient(retried, thrown)) {
          throw thrown;
        }
        this.logger.debug(`${what}: the engine answered "${engineMessage(thrown)}"; attempt ${attempt + 1}`);
        await sleep(150 * attempt);
      }
    }
  }

  /** Like `attempt`, with failures logged and mapped to a ForgeError. */
  async call<T>(what: string, action: () => Promise<T>, retried?: RetriedOperation): Promise<T> {
    try {
      return await this.attempt(what, action, retried);
    } catch (thrown) {
      throw this.failed(what, thrown);
    }
  }

  /** Like `call`, but a failure that `tolerated` accepts (gone, already stopped) answers undefined. */
  async callTolerating<T>(
    what: string,
    tolerated: (thrown: unknown) => boolean,
    action: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await this.attempt(what, action);
    } catch (thrown) {
      if (!tolerated(thrown)) throw this.failed(what, thrown);
      this.logger.debug(`${what}: nothing to do (${engineMessage(thrown)})`);
      return undefined;
    }
  }

  /** Logs a failure of `what` and maps it. */
  failed(what: string, thrown: unknown): ForgeError {
    this.logger.debug(`${what}: failed: ${engineMessage(thrown)}`);
    return this.policy.mapError(thrown, what);
  }
}
