import { join, resolve } from 'node:path';
import type { OdooSeries } from '../../core/checker/addon-input.js';
import {
  formatGithub,
  formatJson,
  formatText,
  type FindingsFormat,
} from '../../core/checker/format-findings.js';
import { isKnownSeries } from '../../core/checker/manifest-rules.js';
import { ForgeError } from '../../core/errors/forge-error.js';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { ExitCode } from '../cli-io.js';
import type { CliCommand } from '../command.js';

interface CheckFlags {
  odoo?: string;
  addonsPath?: string;
  format: string;
  cache: boolean;
}

/** Where parse results of Python files are kept between runs: `$XDG_CACHE_HOME/odoo-forge`. */
function cacheDirOf(env: NodeJS.ProcessEnv): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : undefined);
  return base ? join(base, 'odoo-forge') : undefined;
}

const FORMATS: FindingsFormat[] = ['text', 'json', 'github'];

/** `--addons-path a,b` → absolute folders. */
export function parseAddonsPath(value: string | undefined, cwd: string): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((dir) => dir.trim())
    .filter(Boolean)
    .map((dir) => resolve(cwd, dir));
}

/**
 * `odoo-forge check PATH... [--odoo SERIES] [--addons-path DIR,DIR] [--format text|json|github]`:
 * finds what would break an Odoo install. Exit 1 when a finding is an error.
 */
export const checkCommand: CliCommand = {
  name: 'check',
  register(program, io, setExit) {
    program
      .command('check')
      .description('check addons for what would break an Odoo install (exit 1 on any error)')
      .argument('<path...>', 'an addon folder or a folder of addons')
      .option('--odoo <series>', 'Odoo series: 16.0, 17.0 or 18.0 (default: the manifest version prefix)')
      .option('--addons-path <dirs>', 'comma-separated folders where dependencies are found')
      .option('--format <format>', 'text, json or github', 'text')
      .option(
        '--no-cache',
        'parse every Python file again (by default unchanged files are read from the cache)',
      )
      .action(async (paths: string[], flags: CheckFlags) => {
        if (!FORMATS.includes(flags.format as FindingsFormat)) {
          throw new ForgeError(
            'input.check-format',
            `--format ${flags.format} is not one of ${FORMATS.join(', ')}`,
          );
        }
        if (flags.odoo !== undefined && !isKnownSeries(flags.odoo)) {
          throw new ForgeError('input.check-series', `--odoo ${flags.odoo} is not a supported series`, {
            hint: 'use 16.0, 17.0 or 18.0',
          });
        }
        const result = await checkAddons(
          paths.map((path) => resolve(io.cwd, path)),
          {
            series: flags.odoo as OdooSeries | undefined,
            addonsPath: parseAddonsPath(flags.addonsPath, io.cwd),
            cacheDir: flags.cache ? cacheDirOf(io.env) : undefined,
          },
        );
        const format = flags.format as FindingsFormat;
        if (format === 'json') io.out(formatJson(result.findings));
        else if (format === 'github') io.out(formatGithub(result.findings));
        else
          io.out(
            formatText(result.findings, {
              color: io.isTty && !io.env.NO_COLOR,
              addonCount: result.addons.length,
            }),
          );
        setExit(result.counts.error > 0 ? ExitCode.failed : ExitCode.ok);
      });
  },
};
