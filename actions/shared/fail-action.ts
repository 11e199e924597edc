import type * as actionsCore from '@actions/core';
import { ForgeError, toError } from '../../core/errors/forge-error.js';

/** Fails the step with the error's message (and a ForgeError's hint on the next line). */
export function failAction(core: typeof actionsCore, thrown: unknown): void {
  const error = toError(thrown);
  const hint = error instanceof ForgeError && error.hint ? `\nhint: ${error.hint}` : '';
  core.setFailed(`${error.message}${hint}`);
}
