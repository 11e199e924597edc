/**
 * The one error type Forge throws on purpose. `code` is stable (tests and scripts match on it),
 * `message` names the bad value and where it came from, `hint` says what to do about it.
 */
export class ForgeError extends Error {
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ForgeError';
    this.code = code;
    this.hint = options.hint;
  }
}

/** Turns anything thrown into an Error without losing a non-Error value. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(`non-Error value thrown: ${typeof thrown === 'string' ? thrown : JSON.stringify(thrown)}`);
}
