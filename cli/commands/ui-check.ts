import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ForgeError } from '../../core/errors/forge-error.js';
import { readOdooSourceTree } from '../../runner/local-odoo/odoo-source-tree.js';
import { runBrowserChecks, type BrowserCheckResult } from '../../runner/ui-check/run-browser-checks.js';
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

function printResult(io: CliIo, result: BrowserCheckResult): void {
  const verdict = result.ok ? 'PASSED' : 'FAILED';
  io.out(
    `${verdict} on Odoo ${result.series}: ${result.users.length} users, ${result.pages.length} pages, ${result.steps.length} steps, ${result.failures.length} failures (${(result.durationMs / 1000).toFixed(1)} s)\n`,
  );
  for (const failure of result.failures) {
    const shot = result.pages.find((page) => page.name === failure.page)?.screenshot;
    io.out(
      `  ${failure.page} / ${failure.step}: ${failure.message ?? 'failed'}${shot ? ` (${shot})` : ''}\n`,
    );
  }
}

/**
 * `odoo-forge ui-check ADDONS_DIR --modules m1,m2 --odoo-src TREE`: installs the modules with demo
 * data on a local Odoo (local PostgreSQL and processes) and runs the browser check
 * (runner/ui-check/run-browser-checks.ts) as the admin and a user of each of the modules' groups:
 * every menu and view, filters and group-bys, a record created through the form, the workflow
 * buttons. Exit 1 when a step failed.
 */
export const uiCheckCommand: CliCommand = {
  name: 'ui-check',
  register(program: Command, io: CliIo, setExit): void {
    program
      .command('ui-check')
      .description(
        "Check the modules' menus, views, forms and buttons in a real browser on a local Odoo, as the admin and each group (exit 1 on a failure)",
      )
      .argument('<ADDONS_DIR>', 'folder holding the module folders')
      .requiredOption('--modules <m1,m2>', 'modules to install and check')
      .option('--odoo-src <path>', "Odoo source tree (default: $ODOO_SRC); its series is the run's")
      .option('--chromium <path>', 'Chromium executable (default: $CHROMIUM_PATH or /usr/bin/chromium)')
      .option('--screenshots <dir>', 'write a PNG of every page here')
      .option('--json', 'print {ok, series, users, pages, steps, failures, durationMs} as JSON')
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
        let result: BrowserCheckResult;
        try {
          result = await runBrowserChecks({
            baseUrl: served.baseUrl,
            database: served.database,
            modules,
            series: tree.series,
            ...(options.chromium ? { executablePath: options.chromium } : {}),
            ...(options.screenshots ? { screenshotDir: resolve(io.cwd, options.screenshots) } : {}),
          });
        } finally {
          await served.stop();
        }
        if (options.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
        else printResult(io, result);
        setExit(result.ok ? ExitCode.ok : ExitCode.failed);
      });
  },
};
