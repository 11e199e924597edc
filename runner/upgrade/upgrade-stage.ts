import { existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SeriesStage, SeriesStageInput, StageResult } from '../pr/series-stage.js';
import { baseAddonsFromGit, modulesOnBase } from './base-addons-from-git.js';
import { formatUpgradeSummary } from './format-upgrade-summary.js';
import { connectEngine } from '../pr/connect-engine.js';
import {
  DEFAULT_TTL_SECONDS,
  defaultPostgresImage,
  defaultRuntimeImage,
  type StackSettings,
} from '../stack/stack-settings.js';
import { runUpgradeInStack } from './run-upgrade-in-stack.js';
import { runUpgradeStage } from './run-upgrade-stage.js';
import type { UpgradeResult } from './upgrade-result.js';

function skipped(title: string, why: string): StageResult {
  return { conclusion: 'skipped', title, summary: `${why}\n`, annotations: [] };
}

/** Skipped without looking at the base: no base commit, or mode local without a source tree. */
function skippedAtOnce(input: SeriesStageInput): StageResult | undefined {
  if (!input.baseSha)
    return skipped(
      'Nothing to compare',
      'No base commit (a push, or the modules input): no update to check.',
    );
  if (input.mode === 'local' && input.odoo.kind !== 'source')
    return skipped(
      'Needs an Odoo source tree',
      `In mode local the upgrade stage runs Odoo from a source tree (input odoo-src for ${input.series}); this run has the image ${input.odoo.image}.`,
    );
  return undefined;
}

/** None of the modules exists on the base commit. */
function nothingOnBase(input: SeriesStageInput, baseSha: string): StageResult {
  return skipped(
    'Nothing to compare',
    `None of ${input.modules.join(', ')} exists on the base commit ${baseSha.slice(0, 7)}: nothing to update.`,
  );
}

/** The first head addons folder that holds `module`. */
function headAddon(input: SeriesStageInput, module: string): string | undefined {
  return input.addonsDirs
    .map((dir) => join(dir, module))
    .find((dir) => existsSync(join(dir, '__manifest__.py')));
}

/** Local processes in mode local, else one stack on the runner's container engine. */
async function runUpgrade(
  input: SeriesStageInput,
  baseDirs: string[],
  modules: string[],
): Promise<UpgradeResult> {
  if (input.mode === 'local' && input.odoo.kind === 'source')
    return runUpgradeStage({
      odooSrc: input.odoo.sourceDir,
      baseAddonsDirs: baseDirs,
      headAddonsDirs: input.addonsDirs,
      modules,
      logger: input.logger,
    });
  const driver = await connectEngine({ env: input.env });
  const settings: StackSettings = {
    odooSeries: input.series,
    odoo:
      input.odoo.kind === 'image'
        ? input.odoo
        : {
            kind: 'source',
            sourceDir: input.odoo.sourceDir,
            runtimeImage: defaultRuntimeImage(input.series, input.env),
          },
    postgresImage: input.postgresImage ?? defaultPostgresImage(input.env),
    addonsDirs: input.addonsDirs,
    ttlSeconds: DEFAULT_TTL_SECONDS,
  };
  return runUpgradeInStack(driver, {
    settings,
    baseAddonsDirs: baseDirs,
    headAddonsDirs: input.addonsDirs,
    modules,
    logger: input.logger,
    teardown: input.teardown,
  });
}

/**
 * `Odoo Forge / upgrade (<series>)` in actions/test: the pull request's base version of the
 * series' modules (from git) installed with demo data, updated to the head, every record and
 * value compared: as local processes in mode local (runUpgradeStage, a source tree needed), else
 * in one container stack (runUpgradeInStack, a source tree or an image). Skipped without a base
 * commit, or when no module exists on the base yet.
 */
export const upgradeStage: SeriesStage = {
  name: 'upgrade',
  async skip(input: SeriesStageInput): Promise<StageResult | undefined> {
    const early = skippedAtOnce(input);
    if (early || !input.baseSha) return early;
    const onBase = await modulesOnBase(input.workspace, input.baseSha, input.addonsDirs, input.modules);
    return onBase.length === 0 ? nothingOnBase(input, input.baseSha) : undefined;
  },
  async run(input: SeriesStageInput): Promise<StageResult> {
    const early = skippedAtOnce(input);
    if (early || !input.baseSha) return early ?? nothingOnBase(input, '');
    const outDir = join(input.workDir, `upgrade-base-${input.series}`);
    input.teardown.add(`remove ${outDir}`, () =>
      Promise.resolve(rmSync(outDir, { recursive: true, force: true })),
    );
    const baseDirs = await baseAddonsFromGit(input.workspace, input.baseSha, input.addonsDirs, outDir);
    const modules = input.modules.filter((module) =>
      baseDirs.some((dir) => existsSync(join(dir, module, '__manifest__.py'))),
    );
    if (modules.length === 0) return nothingOnBase(input, input.baseSha);
    const result = await runUpgrade(input, baseDirs, modules);
    const losses = result.results.flatMap((r) =>
      r.comparison.losses.map((loss) => ({ module: r.module, loss })),
    );
    const annotations = losses.flatMap(({ module, loss }) => {
      const dir = headAddon(input, module);
      if (!dir) return [];
      return [
        {
          path: relative(input.workspace, join(dir, '__manifest__.py')).replace(/\\/g, '/'),
          line: 1,
          title: `${loss.kind}: ${loss.model}${loss.field ? `.${loss.field}` : ''}`,
          message: loss.message,
          level: 'failure' as const,
        },
      ];
    });
    const lost = losses.reduce((sum, { loss }) => sum + loss.values, 0);
    const title = result.ok
      ? `${modules.join(', ')}: the update keeps every record and value`
      : result.errors.length > 0 && losses.length === 0
        ? `${modules.join(', ')}: ${result.errors[0] ?? 'the update failed'}`
        : `${modules.join(', ')}: ${losses.length} loss(es), ${lost} value(s) would be lost`;
    return {
      conclusion: result.ok ? 'success' : 'failure',
      title,
      summary: formatUpgradeSummary(result),
      annotations,
    };
  },
};
