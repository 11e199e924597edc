import { createHash } from 'node:crypto';
import { ForgeError, toError } from '../../core/errors/forge-error.js';
import type { ContainerDriver } from '../containers/container-driver.js';
import { ForgeLabel, ownerLabel, stackLabels } from '../containers/forge-labels.js';
import type { Logger } from '../logger.js';
import { isBrowserCheckSeries } from '../ui-check/browser-check-types.js';
import { warmWebAssets } from '../ui-check/warm-web-assets.js';
import { StackDatabase } from './odoo-container-command.js';
import { OdooStack } from './odoo-stack.js';
import type { StackSettings } from './stack-settings.js';
import type { Teardown } from './teardown.js';

/**
 * A template: a volume holding a stopped PostgreSQL cluster (PGDATA) with the dependencies of
 * the addons under test installed, plus its Odoo filestore. Each run copies it into its own data
 * volume (docs/stacks.md explains why a volume). A second, empty volume `<name>-ready` marks a
 * complete build; a container `<name>-lock` serialises builds of one template.
 */
export interface TemplateRef {
  key: string;
  volume: string;
  readyMarker: string;
  lock: string;
  modules: string[];
}

/** Part of the template key: bump it when what a template holds changes (1: web asset bundles). */
const TEMPLATE_WEB_ASSETS = 1;

/** The key covers everything that changes the template's contents: images, Odoo, modules. */
export async function templateFor(
  driver: ContainerDriver,
  settings: StackSettings,
  modules: string[],
): Promise<TemplateRef> {
  const odoo = settings.odoo;
  if (!odoo)
    throw new ForgeError('input.no-odoo', 'A template needs Odoo.', {
      hint: 'Pass --odoo-src PATH or --odoo-image IMAGE.',
    });
  const odooImage = odoo.kind === 'image' ? odoo.image : odoo.runtimeImage;
  const [pgImage, odooImageInfo] = await Promise.all([
    driver.inspectImage(settings.postgresImage),
    driver.inspectImage(odooImage),
  ]);
  const identity = JSON.stringify({
    series: settings.odooSeries,
    odoo:
      odoo.kind === 'image'
        ? { image: odooImageInfo?.id ?? odooImage }
        : { runtime: odooImageInfo?.id ?? odooImage, source: odoo.sourceDir },
    postgres: pgImage?.id ?? settings.postgresImage,
    modules: [...modules].sort(),
    demo: false,
    // The web client's asset bundles are built into the template: one built before lacks them.
    webAssets: TEMPLATE_WEB_ASSETS,
  });
  const key = createHash('sha256').update(identity).digest('hex').slice(0, 12);
  const volume = `forge-tpl-${settings.odooSeries.replace(/[^\w.-]/g, '')}-${key}`;
  return {
    key,
    volume,
    readyMarker: `${volume}-ready`,
    lock: `${volume}-lock`,
    modules: [...modules].sort(),
  };
}

/** On the ready marker only: when the build finished (epoch seconds). */
export const TEMPLATE_READY_LABEL = 'forge.template.ready';

export async function isTemplateReady(driver: ContainerDriver, ref: TemplateRef): Promise<boolean> {
  return (await driver.inspectVolume(ref.readyMarker)) !== undefined;
}

export interface BuildTemplateOptions {
  logger: Logger;
  teardown: Teardown;
  onLog?: (text: string) => void;
  /** How long to wait for another process building the same template. */
  waitForOtherBuildMs?: number;
}

/**
 * Makes sure the template exists: returns at once when it is ready, waits when another process
 * builds it, and otherwise builds it (a stack on the template volume, `-i` the modules, a clean
 * PostgreSQL shutdown). Returns true when this call built it.
 */
export async function ensureTemplate(
  driver: ContainerDriver,
  settings: StackSettings,
  ref: TemplateRef,
  options: BuildTemplateOptions,
): Promise<boolean> {
  const deadline = Date.now() + (options.waitForOtherBuildMs ?? 15 * 60_000);
  for (;;) {
    if (await isTemplateReady(driver, ref)) return false;
    const lockLabels = stackLabels(
      {
        stackId: ref.lock,
        owner: ownerLabel(),
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
        repository: settings.repository,
      },
      'template-lock',
    );
    try {
      await driver.createContainer({
        name: ref.lock,
        image: settings.postgresImage,
        labels: lockLabels,
        cmd: ['true'],
      });
    } catch (error) {
      if (!(error instanceof ForgeError && error.code === 'container.name-taken')) throw error;
      if (Date.now() > deadline) {
        throw new ForgeError(
          'stack.template-busy',
          `Template ${ref.volume} is still being built by another run (lock ${ref.lock}).`,
          {
            hint: 'Wait for that run, or remove a stale lock with `odoo-forge stack reap`.',
          },
        );
      }
      options.logger.info(`waiting for another run that builds template ${ref.volume}`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      continue;
    }
    const dropLock = options.teardown.add(`remove lock ${ref.lock}`, () => driver.removeContainer(ref.lock));
    try {
      if (await isTemplateReady(driver, ref)) return false;
      await build(driver, settings, ref, options);
      return true;
    } finally {
      dropLock();
      await driver.removeContainer(ref.lock);
    }
  }
}

async function build(
  driver: ContainerDriver,
  settings: StackSettings,
  ref: TemplateRef,
  options: BuildTemplateOptions,
): Promise<void> {
  const started = Date.now();
  options.logger.info(`building template ${ref.volume} (${ref.modules.join(', ')})`);
  await driver.removeVolume(ref.volume);
  await driver.createVolume({
    name: ref.volume,
    labels: {
      [ForgeLabel.template]: ref.key,
      'forge.series': settings.odooSeries,
      'forge.modules': ref.modules.join(','),
    },
  });
  const stack = new OdooStack(driver, settings, options.logger);
  // Teardown runs last-in first-out: the stack (whose containers use the volume) goes first.
  const dropVolume = options.teardown.add(`remove unfinished template ${ref.volume}`, () =>
    driver.removeVolume(ref.volume),
  );
  const dropStack = options.teardown.add(`remove stack ${stack.id}`, () => stack.down());
  try {
    await stack.startDatabase({ dataVolume: ref.volume });
    const run = await stack.runOdoo({ install: ref.modules }, options.onLog ? { onLog: options.onLog } : {});
    if (run.exitCode !== 0 || /Failed to initialize database|Some modules are not loaded/.test(run.log)) {
      const tail = run.log.trim().split('\n').slice(-20).join('\n');
      throw new ForgeError(
        'stack.template-failed',
        `Installing ${ref.modules.join(', ')} into template ${ref.volume} failed (exit ${run.exitCode}):\n${tail}`,
        {
          hint: 'The dependencies themselves do not install on this Odoo: check the Odoo source/image and the modules named in the manifests.',
        },
      );
    }
    await warmTemplateAssets(driver, stack, settings.odooSeries, options.logger);
    await stack.stopDatabase();
    await driver.createVolume({
      name: ref.readyMarker,
      labels: {
        [ForgeLabel.template]: ref.key,
        [TEMPLATE_READY_LABEL]: String(Math.floor(Date.now() / 1000)),
      },
    });
    dropVolume();
    options.logger.info(`template ${ref.volume} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    dropStack();
    await stack.down();
    if (!(await isTemplateReady(driver, ref))) {
      dropVolume();
      await driver.removeVolume(ref.volume);
    }
  }
}

/**
 * Serves the template's database once (no `-i`: the modules are installed) and builds the web
 * client's asset bundles into it (`warmWebAssets`: `ir.attachment` rows and filestore files on
 * the template volume), so that every stack copied from it serves them at once instead of
 * compiling them in its first browser page. Only the series the browser checks know; a failure
 * is a warning (the runs then build the bundles themselves), never a failed template.
 */
async function warmTemplateAssets(
  driver: ContainerDriver,
  stack: OdooStack,
  series: string,
  logger: Logger,
): Promise<void> {
  if (!isBrowserCheckSeries(series)) return;
  const started = Date.now();
  try {
    const baseUrl = await stack.startOdooServer([], { install: false });
    const warmed = await warmWebAssets({ baseUrl, database: StackDatabase.name, series });
    logger.info(
      `template: ${warmed.bundles.length} web asset bundles built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    logger.warn(
      `template: the web asset bundles were not built into it (${toError(error).message}); each run builds them`,
    );
  } finally {
    await driver.removeContainer(stack.names.odoo);
  }
}

/** Every template volume (and its ready marker) on the engine: `stack reap --templates`. */
export async function listTemplateVolumes(driver: ContainerDriver, key?: string): Promise<string[]> {
  return (await driver.listVolumes({ [ForgeLabel.template]: key ?? true })).map((v) => v.name).sort();
}

/**
 * Removes template volumes so the next run rebuilds them (after an Odoo update, or to reclaim
 * disk). A template in use (a seed step, or a running in-memory stack's PostgreSQL, which copied
 * it) is skipped by the engine (in use).
 */
export async function removeTemplates(
  driver: ContainerDriver,
  options: { dryRun?: boolean; key?: string } = {},
): Promise<string[]> {
  const volumes = await listTemplateVolumes(driver, options.key);
  if (!options.dryRun) {
    // The ready marker first: a half-removed template is never taken for a finished one.
    for (const name of volumes.filter((v) => v.endsWith('-ready'))) await driver.removeVolume(name);
    for (const name of volumes.filter((v) => !v.endsWith('-ready'))) await driver.removeVolume(name);
  }
  return volumes;
}

/**
 * The template volumes an interrupted or killed build left: no ready marker (never complete)
 * and no lock container (nobody builds them; `stack reap` removes the locks of dead owners
 * first). Removed unless `dryRun`; a volume still in use is skipped. Complete templates are
 * never touched; ready markers whose template volume is gone are removed with them.
 */
export async function removeUnfinishedTemplates(
  driver: ContainerDriver,
  options: { dryRun?: boolean } = {},
): Promise<string[]> {
  const volumes = await driver.listVolumes({ [ForgeLabel.template]: true });
  const names = new Set(volumes.map((v) => v.name));
  const isMarker = (v: { name: string; labels: Record<string, string> }): boolean =>
    TEMPLATE_READY_LABEL in v.labels || v.name.endsWith('-ready');
  const removed: string[] = [];
  for (const volume of volumes.filter((v) => !isMarker(v))) {
    const ref = { readyMarker: `${volume.name}-ready`, lock: `${volume.name}-lock` };
    // Lock first: a build removes its lock only after its marker exists.
    if (await driver.inspectContainer(ref.lock)) continue;
    if (await driver.inspectVolume(ref.readyMarker)) continue;
    if (!options.dryRun) {
      try {
        await driver.removeVolume(volume.name);
      } catch {
        continue;
      }
    }
    removed.push(volume.name);
  }
  for (const marker of volumes.filter((v) => isMarker(v) && !names.has(v.name.replace(/-ready$/, '')))) {
    if (!options.dryRun) await driver.removeVolume(marker.name);
    removed.push(marker.name);
  }
  return removed.sort();
}
