import { ForgeError } from '../../core/errors/forge-error.js';
import type { ContainerDriver, ContainerSpec } from '../containers/container-driver.js';
import { stackLabels } from '../containers/forge-labels.js';
import type { LocalPostgres } from '../local-odoo/local-postgres.js';
import type { Logger } from '../logger.js';
import {
  odooContainerPlan,
  odooContainerSpec,
  StackDatabase,
  type OdooRun,
} from '../stack/odoo-container-command.js';
import { OdooStack } from '../stack/odoo-stack.js';
import type { StackSettings } from '../stack/stack-settings.js';
import { waitUntil } from '../stack/wait-until.js';
import { volumeMountpoint } from './volume-mountpoint.js';

/** An environment never expires: a hundred years, so `stack reap` judges it by nothing. */
export const ENVIRONMENT_TTL_SECONDS = 100 * 365 * 24 * 3600;

/**
 * The owner label of an environment's objects. It is no `pid@host`, so the reaper never finds
 * its owner gone, and its expiry is a century away: `stack reap` leaves environments alone.
 */
export function environmentOwner(name: string): string {
  return `environment:${name}`;
}

export function environmentStackId(name: string): string {
  return `forge-env-${name}`;
}

/** The stack of environment `name` serving the addons in `addonsDirs` (a release's folder). */
export function environmentStack(
  driver: ContainerDriver,
  settings: StackSettings,
  name: string,
  addonsDirs: string[],
  logger: Logger,
): OdooStack {
  return new OdooStack(driver, { ...settings, addonsDirs, ttlSeconds: ENVIRONMENT_TTL_SECONDS }, logger, {
    id: environmentStackId(name),
    owner: environmentOwner(name),
  });
}

/** How host tools reach an environment: its PostgreSQL's published port and Odoo's data dir. */
export interface EnvironmentAccess {
  pg: LocalPostgres;
  database: string;
  /** Odoo's data dir on this host (the filestore is `<dataDir>/filestore/<database>`). */
  dataDir: string;
}

export async function environmentAccess(
  driver: ContainerDriver,
  stack: OdooStack,
): Promise<EnvironmentAccess> {
  const db = await driver.inspectContainer(stack.names.db);
  const port = db?.state === 'running' ? db.ports[StackDatabase.port] : undefined;
  if (!port) {
    throw new ForgeError(
      'environment.database-down',
      `the PostgreSQL of environment stack ${stack.id} is ${db ? `${db.state}` : 'missing'}`,
      { hint: 'run `odoo-forge env up NAME` to start it again' },
    );
  }
  const mountpoint = await volumeMountpoint(driver.endpoint, stack.dataVolumeName);
  return {
    pg: { host: '127.0.0.1', port, user: StackDatabase.user, password: StackDatabase.password },
    database: StackDatabase.name,
    dataDir: `${mountpoint}/odoo`,
  };
}

/** Stops and removes the environment's Odoo server (its data stays). */
export async function stopEnvironmentServer(driver: ContainerDriver, stack: OdooStack): Promise<void> {
  await driver.stopContainer(stack.names.odoo, 20);
  await driver.removeContainer(stack.names.odoo);
}

/** What the config says of an environment beyond its stack: its fixed port and its mail catcher. */
export interface EnvironmentOptions {
  /** `port:` of the config: Odoo's 8069 is published on 127.0.0.1 at this host port. */
  port?: number;
  /** Start the environment's mail catcher and send Odoo's mail to it (staging). */
  mailCatcher?: boolean;
  /** `browser_check:` of the config: the deploy's health opens the addons' menus in Chromium (default true). */
  browserCheck?: boolean;
}

/** The DNS name and port of an environment's mail catcher on its stack network. */
export const EnvironmentMail = { host: 'mail', port: 1025 } as const;

export function mailCatcherName(stack: OdooStack): string {
  return `${stack.id}-mail`;
}

/**
 * The container of one Odoo process of an environment (the server, a deploy's update, the
 * neutralize of a copy): the stack's plan and command line, in one place. With the
 * environment's mail catcher present, Odoo's fallback SMTP server is the catcher; `subcommand`
 * (`neutralize`) goes between the program and its options.
 */
export async function environmentOdooSpec(
  driver: ContainerDriver,
  stack: OdooStack,
  run: OdooRun,
  base: Omit<ContainerSpec, 'image' | 'cmd'>,
  subcommand?: string,
): Promise<ContainerSpec> {
  const odoo = stack.settings.odoo;
  if (!odoo) throw new ForgeError('input.no-odoo', `environment stack ${stack.id} has no Odoo configured`);
  const plan = odooContainerPlan(
    odoo,
    stack.settings.addonsDirs,
    stack.dataVolumeName,
    stack.settings.leaveOut,
  );
  const spec = odooContainerSpec(plan, run, { memoryBytes: stack.settings.odooMemoryBytes, ...base });
  const cmd = [...(spec.cmd ?? [])];
  if (subcommand) cmd.splice(plan.program.length, 0, subcommand);
  if (await driver.inspectContainer(mailCatcherName(stack)))
    cmd.push(`--smtp=${EnvironmentMail.host}`, `--smtp-port=${EnvironmentMail.port}`);
  return { ...spec, cmd };
}

function portTaken(error: unknown): boolean {
  return /address already in use|port is already allocated|bind: /i.test(
    error instanceof Error ? error.message : String(error),
  );
}

/**
 * Starts Odoo as the environment's long-lived server on the stack's addons (no install, no
 * update: those are the deploy's) and waits until `/web/health` answers; returns its URL.
 * With `port`, 8069 is published at that host port (else at one the engine picks).
 */
export async function startEnvironmentServer(
  driver: ContainerDriver,
  stack: OdooStack,
  options: { timeoutMs?: number; port?: number } = {},
): Promise<string> {
  // Podman's DNS (aardvark-dns) may forget a running container's name for a while when other
  // networks come and go on the host: Odoo then cannot resolve `db`. Again, while db runs.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(driver, stack, options);
    } catch (error) {
      const db = await driver.inspectContainer(stack.names.db);
      const dns = error instanceof ForgeError && /could not translate host name/.test(error.message);
      if (!dns || db?.state !== 'running' || attempt === 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  }
}

async function startServerOnce(
  driver: ContainerDriver,
  stack: OdooStack,
  options: { timeoutMs?: number; port?: number },
): Promise<string> {
  await driver.removeContainer(stack.names.odoo);
  await driver.createContainer(
    await environmentOdooSpec(
      driver,
      stack,
      { stopAfterInit: false },
      {
        name: stack.names.odoo,
        labels: stackLabels(stack.labels, 'odoo'),
        network: { name: stack.names.network },
        publish: [8069],
        ...(options.port ? { hostPorts: { 8069: options.port } } : {}),
      },
    ),
  );
  try {
    await driver.startContainer(stack.names.odoo);
  } catch (error) {
    if (options.port && portTaken(error)) {
      await driver.removeContainer(stack.names.odoo);
      throw new ForgeError(
        'environment.port-taken',
        `port ${options.port} (environments.${stack.id.replace(/^forge-env-/, '')}.port) of environment stack ${stack.id} is taken on 127.0.0.1: ${error instanceof Error ? error.message : String(error)}`,
        {
          hint: 'stop what listens there, or give the environment another `port:` in the config',
          cause: error,
        },
      );
    }
    throw error;
  }
  const info = await driver.inspectContainer(stack.names.odoo);
  const port = info?.ports[8069];
  if (!port)
    throw new ForgeError('stack.no-port', `Odoo container ${stack.names.odoo} has no host port for 8069`);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(async () => (await webHealth(url)) === 'pass', {
    what: `Odoo of ${stack.id} (${url}/web/health)`,
    timeoutMs: options.timeoutMs ?? 180_000,
    intervalMs: 500,
    check: async () => {
      const odooNow = await driver.inspectContainer(stack.names.odoo);
      if (odooNow?.state !== 'running') {
        const log = (await driver.logs(stack.names.odoo)).trim().split('\n').slice(-15).join('\n');
        throw new ForgeError(
          'environment.odoo-exited',
          `Odoo of ${stack.id} exited (code ${odooNow?.exitCode ?? '?'}) before answering:\n${log}`,
        );
      }
    },
  });
  return url;
}

/** `GET /web/health`: `pass` when Odoo answers `{"status": "pass"}`, else what went wrong. */
export async function webHealth(url: string): Promise<string> {
  try {
    const answer = await fetch(`${url}/web/health`, { signal: AbortSignal.timeout(5000) });
    if (answer.status !== 200) return `HTTP ${answer.status}`;
    const body = (await answer.json()) as { status?: unknown };
    return typeof body.status === 'string' ? body.status : 'no status in the answer';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The URL of the environment's running Odoo server, if it runs. */
export async function environmentUrl(driver: ContainerDriver, stack: OdooStack): Promise<string | undefined> {
  const info = await driver.inspectContainer(stack.names.odoo);
  const port = info?.state === 'running' ? info.ports[8069] : undefined;
  return port ? `http://127.0.0.1:${port}` : undefined;
}
