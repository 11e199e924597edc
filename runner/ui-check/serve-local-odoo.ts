import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ForgeError } from '../../core/errors/forge-error.js';
import { odooCommand } from '../odoo/odoo-command.js';
import { planAddons } from '../addons/plan-addons.js';
import { localAddonsPath } from '../local-odoo/local-addons-path.js';
import {
  cloneDatabase,
  connectionOf,
  defaultLocalPostgres,
  dropDatabase,
  ensureLocalPostgres,
  type LocalPostgres,
} from '../local-odoo/local-postgres.js';
import { odooProcessEnv, readOdooSourceTree, type OdooSourceTree } from '../local-odoo/odoo-source-tree.js';
import { runToFile } from '../local-odoo/run-process.js';
import { copyTree, freePort, LOCAL_BASELINE } from '../local-odoo/run-local-odoo.js';
import { ensureTemplateDatabase } from '../local-odoo/template-database.js';
import { silentLogger } from '../logger.js';

export interface ServeLocalOdooOptions {
  odooSrc: string;
  addonsDirs: readonly string[];
  modules: readonly string[];
  /** Load demo data (so that existing records can be opened). Default true. */
  demo?: boolean;
  pg?: LocalPostgres;
  workDir?: string;
  python?: string;
  /** For the install and for the server to answer. Default 10 minutes. */
  timeoutMs?: number;
}

export interface ServedOdoo {
  baseUrl: string;
  database: string;
  tree: OdooSourceTree;
  /** Stops the server, drops the database and removes the data dir. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Installs `modules` on a clone of a template database and serves that database over HTTP on a
 * free loopback port, for browser checks. `admin`/`admin` logs in. Everything is removed by `stop`.
 */
export async function serveLocalOdoo(options: ServeLocalOdooOptions): Promise<ServedOdoo> {
  const pg = options.pg ?? defaultLocalPostgres;
  const workDir = options.workDir ?? join(tmpdir(), 'odoo-forge-local-odoo');
  const python = options.python ?? '/usr/bin/python3';
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const demo = options.demo ?? true;
  const tree = readOdooSourceTree(options.odooSrc);
  await ensureLocalPostgres(pg);
  const addonsDirs = options.addonsDirs.map((dir) => resolve(dir));
  const plan = await planAddons(options.modules, addonsDirs, tree.series, { baseline: LOCAL_BASELINE });
  const dependencies = plan.dependencies;
  const template = await ensureTemplateDatabase(
    { tree, dependencies, demo },
    { pg, workDir, python, timeoutMs, logger: silentLogger },
  );
  const database = `forge_ui_${process.pid}_${randomBytes(4).toString('hex')}`;
  mkdirSync(join(workDir, 'runs'), { recursive: true });
  const dataDir = mkdtempSync(join(workDir, 'runs', `${database}-`));
  let server: ChildProcess | undefined;
  const stop = async (): Promise<void> => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((done) => server?.once('exit', done));
    }
    server = undefined;
    await dropDatabase(pg, database).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await cloneDatabase(pg, template.name, database);
    const templateFilestore = join(template.dataDir, 'filestore', template.name);
    if (existsSync(templateFilestore)) {
      mkdirSync(join(dataDir, 'filestore'), { recursive: true });
      await copyTree(templateFilestore, join(dataDir, 'filestore', database));
    }
    const base = {
      database,
      db: connectionOf(pg),
      addonsPath: [
        ...tree.addonsPaths,
        ...localAddonsPath(
          addonsDirs,
          plan.leftOut.map((m) => m.dir),
          dataDir,
        ),
      ],
      withoutDemo: !demo,
      dataDir,
    };
    const env = odooProcessEnv(tree);
    const install = odooCommand({ ...base, install: options.modules, httpPort: await freePort() });
    const installed = await runToFile(
      python,
      [tree.entryPoint, ...install.args],
      join(dataDir, 'install.log'),
      { env: { ...env, ...install.env }, cwd: dataDir, timeoutMs },
    );
    if (installed.code !== 0) {
      throw new ForgeError(
        'ui-check.install',
        `installing ${options.modules.join(', ')} failed (exit ${installed.code}); see ${join(dataDir, 'install.log')}`,
      );
    }
    const port = await freePort();
    const serve = odooCommand({
      ...base,
      httpPort: port,
      stopAfterInit: false,
      extraArgs: ['--db-filter', `^${database}$`, '--max-cron-threads', '0', '--workers', '0'],
    });
    const log = openSync(join(dataDir, 'server.log'), 'a');
    server = spawn(python, [tree.entryPoint, ...serve.args], {
      env: { ...env, ...serve.env },
      cwd: dataDir,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${baseUrl}/web/login`, timeoutMs, () => server?.exitCode ?? null);
    return { baseUrl, database, tree, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForHttp(url: string, timeoutMs: number, exited: () => number | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited() !== null)
      throw new ForgeError('ui-check.server', `Odoo exited (code ${exited()}) before answering ${url}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 300));
  }
  throw new ForgeError('ui-check.server', `Odoo did not answer ${url} within ${timeoutMs} ms`);
}
