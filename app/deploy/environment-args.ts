import type { ParsedArgs } from '../commands/forge-command.js';

const NAME = /^[a-z][a-z0-9-]{0,30}$/;

/**
 * A parser for commands that take `count` environment names (`/deploy staging`,
 * `/copy production staging`): the names joined by one space, or the error that shows the usage.
 */
export const environmentArgs =
  (synopsis: string, count: number) =>
  (args: string): ParsedArgs => {
    const words = args.trim().split(/\s+/).filter(Boolean);
    if (words.length !== count)
      return {
        ok: false,
        error: `\`${synopsis}\` takes ${count === 1 ? 'one environment name' : `${count} environment names`}, such as \`${synopsis.replace(/<from>/, 'production').replace(/<environment>|<to>/, 'staging')}\``,
      };
    const bad = words.find((w) => !NAME.test(w));
    if (bad)
      return {
        ok: false,
        error: `\`${bad}\` is not an environment name (a lowercase word such as \`staging\`)`,
      };
    return { ok: true, args: words.join(' ') };
  };
