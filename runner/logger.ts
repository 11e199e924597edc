/**
 * The one small logger every part of runner/ takes. The CLI, the actions, the app and the tests
 * each pass their own (a pino child, `core.info`, a line collector); runner/ never logs elsewhere.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

/** A Logger that drops everything: the default where no one asked for the lines. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, debug: () => {} };
