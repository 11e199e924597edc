import { existsSync, statSync } from 'node:fs';
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
import { checkRepositoryAddons, repositoryRoot } from '../../runner/addon-reader/check-addons.js';
import { ExitCode } from '../cli-io.js';
import type { CliCommand } from '../command.js';

interface CheckFlags {
  odoo?: string;
  addonsPath?: string;
  format: string;
  cache: boolean;
  root?: string;
}

/** Where parse results of Python files are kept between runs: `$XDG_CACHE_HOME/odoo-forge`. */
function cacheDirOf(env: NodeJS.ProcessEnv): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : undefined);
  return base ? join(base, 'odoo-forge') : undefined;
}

/** `--root`, else the repository of the first path, else the current folder. */
function rootOf(root: string | undefined, firstPath: string | undefined, cwd: string): string {
  if (root !== undefined) {
    const dir = resolve(cwd, root);
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new ForgeError('input.root-missing', `--root ${dir} is not a folder`, {
        hint: 'give the folder finding paths are relative to, e.g. the repository root',
      });
    return dir;
  }
  return (firstPath !== undefined && existsSync(firstPath) ? repositoryRoot(firstPath) : undefined) ?? cwd;
}

const FORMATS: FindingsFormat[] = ['text', 'json', 'github'];

/**
 * `--addons-path a,b` → absolute folders. Every entry must be an existing folder: a mistyped one
 * is bad input (else each dependency it holds would be reported "not on the addons path").
 */
export function parseAddonsPath(value: string | undefined, cwd: string): string[] | undefined {
  if (value === undefined) return undefined;
  const dirs = value
    .split(',')
    .map((dir) => dir.trim())
    .filter(Boolean)
    .map((dir) => resolve(cwd, dir));
  if (dirs.length === 0)
    throw new ForgeError(
      'input.addons-path-missing',
      `--addons-path ${JSON.stringify(value)} names no folder`,
      {
        hint: 'give comma-separated folders of addons, e.g. --addons-path odoo/addons,addons',
      },
    );
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new ForgeError(
        'input.addons-path-missing',
        `--addons-path folder ${dir} ${existsSync(dir) ? 'is not a folder' : 'does not exist'}`,
        { hint: 'check the spelling of each comma-separated folder of --addons-path' },
      );
  }
  return dirs;
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
        '--root <dir>',
        'finding paths are relative to this folder (default: the git repository of the first path, else the current folder)',
      )
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
        const dirs = paths.map((path) => resolve(io.cwd, path));
        const result = await checkRepositoryAddons(dirs, {
          series: flags.odoo as OdooSeries | undefined,
          addonsPath: parseAddonsPath(flags.addonsPath, io.cwd),
          cacheDir: flags.cache ? cacheDirOf(io.env) : undefined,
          root: rootOf(flags.root, dirs[0], io.cwd),
        });
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
