import type { ContainerDriver } from '../containers/container-driver.js';
import type { Logger } from '../logger.js';
import { removeStackObjects } from '../stack/remove-stack-objects.js';
import type { StackSettings } from '../stack/stack-settings.js';
import { ensureTemplate, templateFor } from '../stack/template-database.js';
import { Teardown } from '../stack/teardown.js';
import type { EnvironmentFiles } from './environment-files.js';
import {
  countEnvironmentMails,
  ensureEnvironmentMailCatcher,
  environmentMailFolder,
} from '../mail/environment-mail-catcher.js';
import {
  environmentStack,
  environmentStackId,
  environmentUrl,
  mailCatcherName,
  startEnvironmentServer,
  stopEnvironmentServer,
  webHealth,
  type EnvironmentOptions,
} from './environment-stack.js';

export interface EnvironmentSummary {
  name: string;
  stackId: string;
  database: string;
  odoo: string;
  url?: string;
  health?: string;
  /** The mail catcher's container state and how many mails it kept (absent without one). */
  mail?: { catcher: string; caught: number };
  release?: string;
  deployedAt?: string;
  addons: string[];
}

/**
 * Brings environment `name` up: the first time, a data volume copied from the base template
 * (PostgreSQL data and filestore), PostgreSQL published on 127.0.0.1, and Odoo serving; later,
 * whatever stopped is started again on the same volume. With `mailCatcher`, the environment's
 * mail catcher runs before Odoo (which sends its mail there); with `port`, Odoo serves on it.
 * Nothing is owned by this process, so the environment outlives it.
 */
export async function environmentUp(
  driver: ContainerDriver,
  settings: StackSettings,
  files: EnvironmentFiles,
  logger: Logger,
  options: EnvironmentOptions = {},
): Promise<EnvironmentSummary> {
  const state = files.readState();
  const stack = environmentStack(driver, settings, files.name, state.release ? [state.release] : [], logger);
  const db = await driver.inspectContainer(stack.names.db);
  if (!db) {
    const ref = await templateFor(driver, settings, ['base']);
    const teardown = new Teardown();
    try {
      await ensureTemplate(driver, settings, ref, { logger, teardown });
    } finally {
      await teardown.runAll();
    }
    logger.info(`environment ${files.name}: new data volume ${stack.names.data} from template ${ref.volume}`);
    await stack.startDatabase({ publish: true, templateVolume: ref.volume });
  } else if (db.state !== 'running') {
    logger.info(`environment ${files.name}: starting PostgreSQL again (${db.state})`);
    await driver.startContainer(stack.names.db);
  }
  // The catcher first: an Odoo started before it would send its mail elsewhere.
  const catcherWasThere = Boolean(await driver.inspectContainer(mailCatcherName(stack)));
  if (options.mailCatcher) await ensureEnvironmentMailCatcher(driver, stack, logger);
  const url = await environmentUrl(driver, stack);
  if (url && options.mailCatcher && !catcherWasThere) await stopEnvironmentServer(driver, stack);
  if (!url || (options.mailCatcher && !catcherWasThere)) {
    try {
      await startEnvironmentServer(driver, stack, { ...(options.port ? { port: options.port } : {}) });
    } catch (error) {
      // Odoo did not come up (e.g. its `port:` is taken): what this call started stops again,
      // so a failed `env up` leaves nothing running (the data volume stays).
      if (db?.state !== 'running') await environmentDown(driver, files);
      else if (!catcherWasThere) await driver.removeContainer(mailCatcherName(stack));
      throw error;
    }
  }
  return environmentSummary(driver, settings, files, logger);
}

/** What runs and what is deployed; `url` and `health` are absent when Odoo does not run. */
export async function environmentSummary(
  driver: ContainerDriver,
  settings: StackSettings,
  files: EnvironmentFiles,
  logger: Logger,
): Promise<EnvironmentSummary> {
  const state = files.readState();
  const stack = environmentStack(driver, settings, files.name, [], logger);
  const [db, odoo] = await Promise.all([
    driver.inspectContainer(stack.names.db),
    driver.inspectContainer(stack.names.odoo),
  ]);
  const url = await environmentUrl(driver, stack);
  const catcher = await driver.inspectContainer(mailCatcherName(stack));
  const mail = catcher
    ? { catcher: catcher.state, caught: countEnvironmentMails(await environmentMailFolder(driver, stack)) }
    : undefined;
  return {
    name: files.name,
    stackId: stack.id,
    database: db?.state ?? 'missing',
    odoo: odoo?.state ?? 'missing',
    ...(url ? { url, health: await webHealth(url) } : {}),
    ...(mail ? { mail } : {}),
    ...(state.release ? { release: state.release } : {}),
    ...(state.deployedAt ? { deployedAt: state.deployedAt } : {}),
    addons: Object.keys(state.addons).sort(),
  };
}

/** The log of the environment's Odoo server (empty when it does not exist). */
export async function environmentLogs(driver: ContainerDriver, name: string): Promise<string> {
  const id = environmentStackId(name);
  return (await driver.inspectContainer(`${id}-odoo`)) ? driver.logs(`${id}-odoo`) : '';
}

/**
 * Stops the environment: its containers and network go; its data volume (database and
 * filestore) stays for the next `env up` unless `purge`, which also forgets its state.
 */
export async function environmentDown(
  driver: ContainerDriver,
  files: EnvironmentFiles,
  options: { purge?: boolean } = {},
): Promise<void> {
  const id = environmentStackId(files.name);
  if (options.purge) {
    await removeStackObjects(driver, id, [`${id}-odoo`, `${id}-db`, `${id}-run`, `${id}-seed`, `${id}-mail`]);
    files.remove();
    return;
  }
  await driver.stopContainer(`${id}-odoo`, 20);
  await driver.stopContainer(`${id}-mail`, 5);
  await driver.stopContainer(`${id}-db`, 30);
  for (const name of [`${id}-odoo`, `${id}-run`, `${id}-seed`, `${id}-mail`, `${id}-db`])
    await driver.removeContainer(name);
  await driver.removeNetwork(id);
}
