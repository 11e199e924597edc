import { ForgeError } from '../../core/errors/forge-error.js';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Named in the timeout error: "PostgreSQL in forge-ab12-db". */
  what: string;
  /** Called before each attempt; throw to give up early (e.g. the container exited). */
  check?: () => Promise<void>;
}

/** Polls `attempt` until it returns true; a ForgeError `stack.not-ready` after the timeout. */
export async function waitUntil(attempt: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = '';
  for (;;) {
    if (options.check) await options.check();
    try {
      if (await attempt()) return;
    } catch (thrown) {
      if (thrown instanceof ForgeError) throw thrown;
      last = thrown instanceof Error ? thrown.message : String(thrown);
    }
    if (Date.now() > deadline) {
      throw new ForgeError(
        'stack.not-ready',
        `${options.what} was not ready after ${Math.round(options.timeoutMs / 1000)} s${last ? ` (last: ${last})` : ''}.`,
        {
          hint: 'Look at its log with `odoo-forge stack logs ID`; a slow machine may need a longer --timeout.',
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
