import { ForgeError } from '../../core/errors/forge-error.js';
import type { ContainerDriver, ContainerSpec, MountSpec } from '../containers/container-driver.js';
import { ownerLabel, stackLabels, type StackLabelInput } from '../containers/forge-labels.js';
import type { Logger } from '../logger.js';
import { removeStackObjects } from './remove-stack-objects.js';
import { newStackId, stackNames, type StackNames } from './stack-names.js';
import {
  odooContainerPlan,
  odooContainerSpec,
  StackDatabase,
  type OdooRun,
} from './odoo-container-command.js';
import type { StackSettings } from './stack-settings.js';
import { waitUntil } from './wait-until.js';

export const PGDATA = '/var/lib/postgresql/data/pgdata';

export interface OdooRunResult {
  exitCode: number;
  log: string;
}

export interface WatchedRunOptions {
  onLog?: (text: string) => void;
  signal?: AbortSignal;
  /**
   * PostgreSQL still starting (`startDatabase({ wait: false })`): the run's container starts at
   * once, and the watch over PostgreSQL begins when this settles; a rejection kills the run.
   */
  databaseStarting?: Promise<void>;
}

export interface StartDatabaseOptions {
  /** A template volume to copy into the stack's data volume before PostgreSQL starts. */
  templateVolume?: string;
  /** Use this volume as the data volume instead of a fresh one (template builds). */
  dataVolume?: string;
  /** Publish PostgreSQL's port on 127.0.0.1 (manual stacks). */
  publish?: boolean;
  timeoutMs?: number;
  /** Default true: wait until `pg_isready` answers. False: return once the container runs. */
  wait?: boolean;
  /**
   * The data volume in memory (tmpfs), the template copied by the PostgreSQL container itself
   * before PostgreSQL starts (no seed container): for a throwaway stack only (a test run), as the
   * data is gone once no container of the stack runs. Not with `dataVolume`.
   */
  inMemory?: boolean;
}

/** Where the PostgreSQL container mounts the data volume (PGDATA is a folder of it). */
const DATA_MOUNT = '/var/lib/postgresql/data';

/**
 * One ephemeral Odoo stack: a private network, a PostgreSQL container (`db` on that network),
 * a data volume (PGDATA and Odoo's filestore), and Odoo containers. Every object carries the
 * stack's labels; `down()` removes them all and is safe to call more than once.
 */
export class OdooStack {
  readonly id: string;
  readonly names: StackNames;
  readonly labels: StackLabelInput;
  private dataVolume: string;
  /**
   * Settles once startDatabase has created the stack's network and data volume (true) or failed
   * to (false). A run started together with the database (run-odoo-tests.ts) creates its container
   * only after that: before it, the engine refuses a container on a network it does not know yet.
   */
  private objectsCreated: Promise<boolean> = Promise.resolve(true);

  constructor(
    private readonly driver: ContainerDriver,
    readonly settings: StackSettings,
    private readonly logger: Logger,
    options: { id?: string; owner?: string; now?: number } = {},
  ) {
    this.id = options.id ?? newStackId();
    this.names = stackNames(this.id);
    this.dataVolume = this.names.data;
    const now = options.now ?? Math.floor(Date.now() / 1000);
    this.labels = {
      stackId: this.id,
      owner: options.owner ?? ownerLabel(),
      expiresAt: now + settings.ttlSeconds,
      repository: settings.repository,
    };
  }

  /**
   * The same stack (network, PostgreSQL, data volume) whose Odoo runs mount other addons
   * folders: the upgrade stage installs the base's addons, then updates to the head's, on one
   * database. Start the database on this stack only; `down()` of either removes it all.
   */
  withAddonsDirs(addonsDirs: string[], leaveOut: string[] = []): OdooStack {
    const other = new OdooStack(this.driver, { ...this.settings, addonsDirs, leaveOut }, this.logger, {
      id: this.id,
      owner: this.labels.owner,
    });
    other.dataVolume = this.dataVolume;
    return other;
  }

  /** Runs one SQL statement with psql in the PostgreSQL container; resolves with its stdout (`-tA`). */
  async psql(database: string, sql: string): Promise<string> {
    const ran = await this.driver.exec(this.names.db, [
      'psql',
      '-X',
      '-U',
      StackDatabase.user,
      '-d',
      database,
      '-v',
      'ON_ERROR_STOP=1',
      '-tAc',
      sql,
    ]);
    if (ran.exitCode !== 0)
      throw new ForgeError(
        'stack.psql-failed',
        `psql on ${database} in ${this.names.db} failed (exit ${ran.exitCode}): ${ran.stderr.trim().slice(-500)}`,
        { hint: "Check that the stack's PostgreSQL runs and the database exists." },
      );
    return ran.stdout;
  }

  get dataVolumeName(): string {
    return this.dataVolume;
  }

  private base(name: string, role: string): Pick<ContainerSpec, 'name' | 'labels' | 'network'> {
    return { name, labels: stackLabels(this.labels, role), network: { name: this.names.network } };
  }

  /** Network, data volume (copied from a template when given), PostgreSQL, then `pg_isready`. */
  async startDatabase(options: StartDatabaseOptions = {}): Promise<void> {
    const { driver, names } = this;
    const started = Date.now();
    const inMemory = (options.inMemory ?? false) && !options.dataVolume;
    if (options.dataVolume) this.dataVolume = options.dataVolume;
    const objects = (async () => {
      await driver.createNetwork({ name: names.network, labels: stackLabels(this.labels, 'network') });
      if (!options.dataVolume)
        await driver.createVolume({
          name: names.data,
          labels: stackLabels(this.labels, 'data'),
          ...(inMemory ? { inMemory: true } : {}),
        });
    })();
    this.objectsCreated = objects.then(
      () => true,
      () => false,
    );
    await objects;
    if (inMemory) await this.createSeedingDatabase(options);
    else await this.seedThenCreateDatabase(options);
    await driver.startContainer(names.db);
    if (options.wait === false) return;
    await waitUntil(
      async () =>
        (await driver.exec(names.db, ['pg_isready', '-q', '-h', '127.0.0.1', '-U', StackDatabase.user]))
          .exitCode === 0,
      {
        what: `PostgreSQL in ${names.db}`,
        timeoutMs: options.timeoutMs ?? 180_000,
        intervalMs: 200,
        check: () => this.assertDatabaseRunning(),
      },
    );
    this.logger.debug(`${names.db}: PostgreSQL ready in ${Date.now() - started} ms`);
  }

  /** The PostgreSQL container's spec without its entrypoint/command: network, alias, env, data volume. */
  private databaseSpec(options: StartDatabaseOptions): Omit<ContainerSpec, 'image'> {
    return {
      ...this.base(this.names.db, 'db'),
      network: { name: this.names.network, aliases: [StackDatabase.host] },
      env: {
        POSTGRES_USER: StackDatabase.user,
        POSTGRES_PASSWORD: StackDatabase.password,
        POSTGRES_DB: 'postgres',
        PGDATA,
      },
      mounts: [{ type: 'volume', source: this.dataVolume, target: DATA_MOUNT }],
      publish: options.publish ? [StackDatabase.port] : [],
    };
  }

  /**
   * An in-memory data volume: the PostgreSQL container starts as root, copies the template into
   * it (and makes Odoo's filestore folder), then runs the image's own entrypoint and command, as
   * the image's user when it names one (`setpriv`), so one container does what the seed and
   * PostgreSQL did, and the tmpfs stays mounted from the copy on.
   */
  private async createSeedingDatabase(options: StartDatabaseOptions): Promise<void> {
    const { driver, settings } = this;
    const image = await driver.inspectImage(settings.postgresImage);
    if (!image)
      throw new ForgeError(
        'stack.no-image',
        `The PostgreSQL image ${settings.postgresImage} is not on the engine.`,
        {
          hint: 'Pull or build it first (docs/runners.md), or set postgres-image.',
        },
      );
    const command = [...(image.entrypoint ?? []), ...(image.cmd ?? [])];
    if (command.length === 0)
      throw new ForgeError(
        'stack.no-image',
        `The PostgreSQL image ${settings.postgresImage} has no entrypoint or command.`,
      );
    const user = (image.user ?? '').split(':')[0] ?? '';
    const asUser =
      user && user !== 'root' && user !== '0'
        ? `setpriv --reuid=${user} --regid="$(id -g ${user})" --init-groups `
        : '';
    const mounts = this.databaseSpec(options).mounts ?? [];
    let script = `mkdir -p ${DATA_MOUNT}/odoo && chmod 0777 ${DATA_MOUNT}/odoo && chown postgres ${DATA_MOUNT}`;
    if (options.templateVolume) {
      mounts.push({ type: 'volume', source: options.templateVolume, target: '/template', readOnly: true });
      script = `cp -a /template/. ${DATA_MOUNT}/ && ${script}`;
    }
    await driver.createContainer({
      ...this.databaseSpec(options),
      image: settings.postgresImage,
      user: '0',
      entrypoint: ['sh', '-c', `set -e; ${script}; exec ${asUser}"$@"`, 'forge-db'],
      cmd: command,
      mounts,
    });
  }

  /** A seed container prepares the data volume (the template copied), then the PostgreSQL container is created. */
  private async seedThenCreateDatabase(options: StartDatabaseOptions): Promise<void> {
    const { driver, names, settings } = this;
    const mounts: MountSpec[] = [{ type: 'volume', source: this.dataVolume, target: '/data' }];
    let script = 'mkdir -p /data/odoo && chmod 0777 /data/odoo && chown postgres /data';
    if (options.templateVolume) {
      mounts.push({ type: 'volume', source: options.templateVolume, target: '/template', readOnly: true });
      script = `cp -a /template/. /data/ && ${script}`;
    }
    const seed = await driver.run({
      ...this.base(names.seed, 'seed'),
      network: undefined,
      image: settings.postgresImage,
      user: '0',
      entrypoint: ['sh', '-c'],
      cmd: [script],
      mounts,
    });
    if (seed.exitCode !== 0) {
      throw new ForgeError(
        'stack.seed-failed',
        `Preparing the data volume ${this.dataVolume} failed (exit ${seed.exitCode}): ${seed.output.trim().slice(-500)}`,
      );
    }
    await driver.createContainer({ ...this.databaseSpec(options), image: settings.postgresImage });
  }

  /** Throws `stack.database-died` when the PostgreSQL container is no longer running. */
  async assertDatabaseRunning(): Promise<void> {
    const db = await this.driver.inspectContainer(this.names.db);
    if (db?.state === 'running') return;
    const log = db
      ? (await this.driver.logs(this.names.db).catch(() => '')).trim().split('\n').slice(-5).join('\n')
      : '';
    throw new ForgeError(
      'stack.database-died',
      `The PostgreSQL container ${this.names.db} of stack ${this.id} ${db ? `stopped (state ${db.state}, exit code ${db.exitCode ?? '?'})` : 'is gone'}.${log ? `\nIts last log lines:\n${log}` : ''}`,
      {
        hint: 'Something stopped or killed the database (memory pressure, `podman kill`, a reaper). Run again; look at `dmesg` for the OOM killer.',
      },
    );
  }

  /** Stops PostgreSQL cleanly (SIGINT → fast shutdown) so its data volume can be copied. */
  async stopDatabase(): Promise<void> {
    await this.driver.stopContainer(this.names.db, 30);
  }

  private requireOdoo(): NonNullable<StackSettings['odoo']> {
    if (!this.settings.odoo) {
      throw new ForgeError('input.no-odoo', `Stack ${this.id} has no Odoo configured.`, {
        hint: 'Pass --odoo-src PATH or --odoo-image IMAGE.',
      });
    }
    return this.settings.odoo;
  }

  /**
   * Runs Odoo once (e.g. install m with its tests, then stop) and returns its exit code and
   * whole log. Fails with `stack.database-died` when PostgreSQL stops meanwhile.
   */
  async runOdoo(run: OdooRun, options: WatchedRunOptions = {}): Promise<OdooRunResult> {
    const plan = odooContainerPlan(
      this.requireOdoo(),
      this.settings.addonsDirs,
      this.dataVolume,
      this.settings.leaveOut,
    );
    return this.runWatched(
      odooContainerSpec(plan, run, { name: this.names.run, memoryBytes: this.settings.odooMemoryBytes }),
      options,
    );
  }

  /**
   * Runs a one-shot container on the stack's network (name, labels and network are the stack's)
   * while watching PostgreSQL once a second; returns the exit code and the whole output.
   */
  async runWatched(
    spec: Omit<ContainerSpec, 'labels' | 'network'>,
    options: WatchedRunOptions = {},
  ): Promise<OdooRunResult> {
    const { driver } = this;
    const name = spec.name;
    // Its network and the data volume first; when they could not be made, the database's own error.
    if (!(await this.objectsCreated)) await options.databaseStarting;
    await driver.removeContainer(name);
    await driver.createContainer({ ...spec, ...this.base(name, 'run') });
    const stopFollowing = new AbortController();
    try {
      const exited = driver.waitContainer(name, { nextExit: true });
      let done = false;
      void exited.then(
        () => (done = true),
        () => (done = true),
      );
      await driver.startContainer(name);
      if (options.databaseStarting) {
        try {
          await options.databaseStarting;
        } catch (error) {
          await driver.killContainer(name);
          throw error;
        }
      }
      const following = options.onLog
        ? driver.followLogs(name, { onText: options.onLog, signal: stopFollowing.signal })
        : Promise.resolve();
      while (!done) {
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 1000))]);
        if (done) break;
        if (options.signal?.aborted)
          throw new ForgeError('stack.interrupted', `The run in stack ${this.id} was interrupted.`);
        try {
          await this.assertDatabaseRunning();
        } catch (error) {
          await driver.killContainer(name);
          throw error;
        }
      }
      const exitCode = await exited;
      const log = await driver.logs(name);
      if (exitCode !== 0) await this.assertDatabaseRunning();
      stopFollowing.abort();
      await following;
      return { exitCode, log };
    } finally {
      stopFollowing.abort();
      await driver.removeContainer(name);
    }
  }

  /**
   * Starts Odoo as a server on a free 127.0.0.1 port, installing `modules` first (unless
   * `install: false`: they are installed already, and serving needs no update pass); returns its URL.
   */
  async startOdooServer(
    modules: string[],
    options: { timeoutMs?: number; install?: boolean } = {},
  ): Promise<string> {
    const url = await this.createOdooServer(modules, options);
    await this.waitForOdooServer(url, options);
    return url;
  }

  /**
   * The first half of `startOdooServer`: the server container created and started (Odoo imports
   * itself and loads its registry from now on); resolves with its URL at once, before it answers.
   */
  async createOdooServer(modules: string[], options: { install?: boolean } = {}): Promise<string> {
    const { driver, names } = this;
    const plan = odooContainerPlan(
      this.requireOdoo(),
      this.settings.addonsDirs,
      this.dataVolume,
      this.settings.leaveOut,
    );
    const install = options.install === false ? [] : modules.length > 0 ? modules : ['base'];
    const run: OdooRun = { install, stopAfterInit: false };
    await driver.createContainer(
      odooContainerSpec(plan, run, {
        ...this.base(names.odoo, 'odoo'),
        publish: [8069],
        memoryBytes: this.settings.odooMemoryBytes,
      }),
    );
    await driver.startContainer(names.odoo);
    const info = await driver.inspectContainer(names.odoo);
    const port = info?.ports[8069];
    if (!port)
      throw new ForgeError('stack.no-port', `Odoo container ${names.odoo} has no host port for 8069.`);
    return `http://127.0.0.1:${port}`;
  }

  /** The second half of `startOdooServer`: waits until the server at `url` answers `/web/login`. */
  async waitForOdooServer(url: string, options: { timeoutMs?: number } = {}): Promise<void> {
    const { driver, names } = this;
    await waitUntil(
      async () => {
        const answer = await fetch(`${url}/web/login`, { signal: AbortSignal.timeout(5000) });
        return answer.status === 200;
      },
      {
        what: `Odoo in ${names.odoo} (${url})`,
        timeoutMs: options.timeoutMs ?? 300_000,
        intervalMs: 250,
        check: async () => {
          await this.assertDatabaseRunning();
          const odoo = await driver.inspectContainer(names.odoo);
          if (odoo?.state !== 'running') {
            const log = (await driver.logs(names.odoo)).trim().split('\n').slice(-15).join('\n');
            throw new ForgeError(
              'stack.odoo-exited',
              `Odoo container ${names.odoo} exited (code ${odoo?.exitCode ?? '?'}) before answering:\n${log}`,
            );
          }
        },
      },
    );
  }

  /** Removes every object of this stack (found by name and by label). Safe to call twice. */
  async down(): Promise<void> {
    await removeStackObjects(this.driver, this.id, [
      this.names.run,
      this.names.odoo,
      this.names.db,
      this.names.seed,
    ]);
    this.logger.debug(`stack ${this.id} removed`);
  }
}
