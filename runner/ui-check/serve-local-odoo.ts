import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
import { startLocalOdooServer, type LocalOdooServer } from './local-odoo-server.js';

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
  let server: LocalOdooServer | undefined;
  const stop = async (): Promise<void> => {
    await server?.stop();
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
    server = await startLocalOdooServer({
      python,
      tree,
      command: base,
      cwd: dataDir,
      logFile: join(dataDir, 'server.log'),
      timeoutMs,
    });
    const baseUrl = server.baseUrl;
    return { baseUrl, database, tree, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
