import type { Command } from 'commander';
import { stackOptionDocs, type StackOptions } from '../runner/stack/stack-options.js';

/** Declares the stack options (runner/stack/stack-options.ts) on a command, in their order. */
export function declareStackOptions(command: Command, skip: readonly (keyof StackOptions)[] = []): Command {
  for (const [key, doc] of Object.entries(stackOptionDocs) as [
    keyof StackOptions,
    (typeof stackOptionDocs)[keyof StackOptions],
  ][]) {
    if (skip.includes(key)) continue;
    if (doc.default === undefined) command.option(doc.flags, doc.description);
    else command.option(doc.flags, doc.description, doc.default);
  }
  return command;
}
