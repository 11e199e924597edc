import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ForgeError } from '../../core/errors/forge-error.js';
import { readOdooSourceTree } from '../../runner/local-odoo/odoo-source-tree.js';
import { checkViewsInBrowser, type ViewCheckResult } from '../../runner/ui-check/check-views-in-browser.js';
import { serveLocalOdoo } from '../../runner/ui-check/serve-local-odoo.js';
import { ExitCode, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';

interface UiCheckOptions {
  modules: string;
  odooSrc?: string;
  chromium?: string;
  screenshots?: string;
  json?: boolean;
}

const SERIES = ['16.0', '17.0', '18.0'] as const;
type Series = (typeof SERIES)[number];

function parseModules(text: string): string[] {
  const modules = text
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  if (modules.length === 0) {
    throw new ForgeError('input.modules', '--modules is empty.', {
      hint: 'Name the modules to check: --modules m1,m2.',
    });
  }
  return modules;
}

function treeSeries(odooSrc: string): { root: string; series: Series } {
  const tree = readOdooSourceTree(odooSrc);
  const series = SERIES.find((s) => s === tree.series);
  if (!series) {
    throw new ForgeError(
      'input.odoo-src',
      `${tree.root} is Odoo ${tree.series}; the browser check knows ${SERIES.join(', ')}.`,
      {
        hint: 'Pass the tree of a supported series.',
      },
    );
  }
  return { root: tree.root, series };
}

function printResult(io: CliIo, result: ViewCheckResult, series: string): void {
  const verdict = result.problems.length === 0 ? 'PASSED' : 'FAILED';
  io.out(
    `${verdict} on Odoo ${series}: ${result.actions.length} actions, ${result.steps.length} steps, ${result.problems.length} problems\n`,
  );
  for (const problem of result.problems) {
    io.out(
      `  ${problem.action} ${problem.step}: ${problem.message ?? 'failed'}${problem.screenshot ? ` (${problem.screenshot})` : ''}\n`,
    );
  }
}

/**
 * `odoo-forge ui-check ADDONS_DIR --modules m1,m2 --odoo-src TREE`: installs the modules with demo
 * data on a local Odoo (local PostgreSQL and processes) and opens every window action of them in
 * Debian's Chromium: each view type, a new record, an existing one. Exit 1 when the web client
 * refused one of them.
 */
export const uiCheckCommand: CliCommand = {
  name: 'ui-check',
  register(program: Command, io: CliIo, setExit): void {
    program
      .command('ui-check')
      .description(
        "Open every action of the modules' views in a real browser on a local Odoo (exit 1 on a client error)",
      )
      .argument('<ADDONS_DIR>', 'folder holding the module folders')
      .requiredOption('--modules <m1,m2>', 'modules to install and check')
      .option('--odoo-src <path>', "Odoo source tree (default: $ODOO_SRC); its series is the run's")
      .option('--chromium <path>', 'Chromium executable (default: $CHROMIUM_PATH or /usr/bin/chromium)')
      .option('--screenshots <dir>', 'write a PNG of each failed step here')
      .option('--json', 'print {ok, series, actions, steps, problems} as JSON')
      .action(async (addonsDir: string, options: UiCheckOptions) => {
        const modules = parseModules(options.modules);
        const odooSrc = options.odooSrc ?? io.env.ODOO_SRC;
        if (!odooSrc) {
          throw new ForgeError('input.no-odoo', 'ui-check needs an Odoo source tree.', {
            hint: 'Pass --odoo-src PATH (or set ODOO_SRC).',
          });
        }
        const tree = treeSeries(resolve(io.cwd, odooSrc));
        if (!options.json)
          io.err(`installing ${modules.join(', ')} with demo data on Odoo ${tree.series}…\n`);
        const served = await serveLocalOdoo({
          odooSrc: tree.root,
          addonsDirs: [resolve(io.cwd, addonsDir)],
          modules,
        });
        let result: ViewCheckResult;
        try {
          result = await checkViewsInBrowser({
            baseUrl: served.baseUrl,
            database: served.database,
            login: 'admin',
            password: 'admin',
            modules,
            series: tree.series,
            ...(options.chromium ? { executablePath: options.chromium } : {}),
            ...(options.screenshots ? { screenshotDir: resolve(io.cwd, options.screenshots) } : {}),
          });
        } finally {
          await served.stop();
        }
        const ok = result.problems.length === 0;
        if (options.json) io.out(`${JSON.stringify({ ok, series: tree.series, ...result }, null, 2)}\n`);
        else printResult(io, result, tree.series);
        setExit(ok ? ExitCode.ok : ExitCode.failed);
      });
  },
};
