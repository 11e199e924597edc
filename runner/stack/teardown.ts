import { toError } from '../../core/errors/forge-error.js';

/**
 * Clean-up actions of one run, run in reverse order of registration by `runAll()` — at the end
 * of the run, on failure, and on SIGINT/SIGTERM (see `onTerminationSignals`). Each action runs
 * at most once; failures are gathered, not lost.
 */
export class Teardown {
  private readonly actions: Array<{ name: string; run: () => Promise<void> }> = [];

  /** Registers an action; the returned function drops it (the thing was cleaned up already). */
  add(name: string, run: () => Promise<void>): () => void {
    const entry = { name, run };
    this.actions.push(entry);
    return () => {
      const index = this.actions.indexOf(entry);
      if (index >= 0) this.actions.splice(index, 1);
    };
  }

  get size(): number {
    return this.actions.length;
  }

  async runAll(): Promise<Error[]> {
    const errors: Error[] = [];
    while (this.actions.length > 0) {
      const action = this.actions.pop();
      if (!action) break;
      try {
        await action.run();
      } catch (thrown) {
        const error = toError(thrown);
        errors.push(new Error(`${action.name}: ${error.message}`, { cause: error }));
      }
    }
    return errors;
  }
}

/**
 * On SIGINT/SIGTERM/SIGHUP: run the teardown, then exit with 128+signal. A second signal while
 * tearing down exits at once (the reaper removes what is left). Returns a function that removes
 * the handlers.
 */
export function onTerminationSignals(
  teardown: Teardown,
  report: (message: string) => void,
  exit: (code: number) => void = process.exit,
): () => void {
  const codes: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      report(`${signal} again: exiting without finishing the clean-up; run \`odoo-forge stack reap\`.\n`);
      exit(codes[signal] ?? 1);
      return;
    }
    stopping = true;
    report(`${signal}: removing the stack…\n`);
    void teardown.runAll().then((errors) => {
      for (const error of errors) report(`clean-up failed: ${error.message}\n`);
      exit(codes[signal] ?? 1);
    });
  };
  for (const signal of Object.keys(codes)) process.on(signal, handler);
  return () => {
    for (const signal of Object.keys(codes)) process.off(signal, handler);
  };
}
