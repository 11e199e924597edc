/** The small logger runner/ code takes (the CLI, the actions and the tests each pass their own). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, debug: () => {} };
