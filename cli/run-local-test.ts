import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ForgeError } from '../core/errors/forge-error.js';
import { readOdooSourceTree } from '../runner/local-odoo/odoo-source-tree.js';
import { settleSeries } from '../runner/odoo/read-odoo-series.js';
import { runLocalOdoo } from '../runner/local-odoo/run-local-odoo.js';
import { formatTestReport } from '../runner/odoo/format-test-report.js';
import { judgeReport, type TestRunVerdict } from '../runner/stack/run-odoo-tests.js';
import type { StackOptions } from '../runner/stack/stack-options.js';
import { ExitCode, type CliIo } from './cli-io.js';

export interface LocalTestOptions extends StackOptions {
  update?: boolean;
  allowNoTests?: boolean;
  keep?: boolean;
  json?: boolean;
  log?: string;
  /** Write `<module>/i18n/<module>.pot` as Odoo exports it after the install (ModuleSpec 1.1 i18n). */
  pot?: boolean;
}

/** Options of `odoo-forge test` that need containers: refused with --local rather than ignored. */
const CONTAINER_ONLY = ['odooImage', 'postgresImage', 'runtimeImage', 'engine', 'keep'] as const;
const FLAG: Record<(typeof CONTAINER_ONLY)[number], string> = {
  odooImage: '--odoo-image',
  postgresImage: '--postgres-image',
  runtimeImage: '--runtime-image',
  engine: '--engine',
  keep: '--keep',
};

/**
 * `odoo-forge test --local`: the same verdict as in containers, with PostgreSQL and Odoo as
 * local processes (a machine or pod without a container engine). The Odoo series is the tree's;
 * `--odoo`, when given, must match it (runner/odoo/read-odoo-series.ts).
 */
export async function runLocalTest(
  addonsDir: string,
  modules: string[],
  options: LocalTestOptions,
  io: CliIo,
): Promise<number> {
  for (const key of CONTAINER_ONLY) {
    if (options[key] !== undefined && options[key] !== false) {
      throw new ForgeError('input.local', `${FLAG[key]} needs containers and cannot go with --local.`, {
        hint: `Drop ${FLAG[key]}, or drop --local to run in containers.`,
      });
    }
  }
  const odooSrc = options.odooSrc ?? io.env.ODOO_SRC;
  if (!odooSrc) {
    throw new ForgeError('input.no-odoo', '--local needs an Odoo source tree.', {
      hint: 'Pass --odoo-src PATH (or set ODOO_SRC).',
    });
  }
  const tree = readOdooSourceTree(resolve(io.cwd, odooSrc));
  settleSeries({ series: tree.series, from: `the tree ${tree.root} (odoo/release.py)` }, options.odoo);
  const result = await runLocalOdoo({
    odooSrc: tree.root,
    addonsDirs: [resolve(io.cwd, addonsDir)],
    modules,
    update: options.update ?? false,
    exportPot: options.pot ?? false,
    logger: {
      info: (m) => (options.json ? undefined : io.err(`${m}\n`)),
      warn: (m) => io.err(`warning: ${m}\n`),
      debug: () => {},
    },
  });
  const verdict = localVerdict(result, options.allowNoTests ?? false);
  for (const [module, pot] of Object.entries(result.pots ?? {})) {
    const target = join(resolve(io.cwd, addonsDir), module, 'i18n', `${module}.pot`);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, pot);
    if (!options.json) io.err(`wrote ${target} (Odoo ${result.tree.series}'s exporter)\n`);
  }
  if (options.log)
    writeFileSync(options.log, `${result.log}${result.update ? `\n${result.update.log}` : ''}`);
  if (options.json) {
    io.out(
      `${JSON.stringify({ ok: verdict.ok, reasons: verdict.reasons, local: true, series: result.tree.series, database: result.database, template: result.template.name, leftOut: result.leftOut, durationMs: result.durationMs, report: result.report, update: result.update?.report }, null, 2)}\n`,
    );
  } else {
    io.out(
      [
        `${verdict.ok ? 'PASSED' : 'FAILED'} on Odoo ${result.tree.series} (local processes)${verdict.ok ? '' : `: ${verdict.reasons.join('; ')}`}`,
        '',
        formatTestReport(result.report),
        '',
        `template ${result.template.name}, install+tests${result.update ? '+update' : ''} ${(result.durationMs / 1000).toFixed(1)} s`,
        '',
      ].join('\n'),
    );
  }
  return verdict.ok ? ExitCode.ok : ExitCode.failed;
}

function localVerdict(
  result: Awaited<ReturnType<typeof runLocalOdoo>>,
  allowNoTests: boolean,
): TestRunVerdict {
  const verdict = judgeReport(result.report, result.exitCode ?? 1, allowNoTests);
  if (result.timedOut) verdict.reasons.push('Odoo did not finish in time');
  const update = result.update;
  if (update && (!update.report.installed || update.exitCode !== 0)) {
    verdict.reasons.push(
      `the update (-u) failed: ${update.report.installErrors.map((e) => e.message.split('\n')[0]).join('; ') || `Odoo exited with code ${update.exitCode}`}`,
    );
  }
  return { ok: verdict.reasons.length === 0, reasons: verdict.reasons };
}
