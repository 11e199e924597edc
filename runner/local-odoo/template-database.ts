import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ForgeError, toError } from '../../core/errors/forge-error.js';
import { isBrowserCheckSeries } from '../ui-check/browser-check-types.js';
import { startLocalOdooServer } from '../ui-check/local-odoo-server.js';
import { warmWebAssets } from '../ui-check/warm-web-assets.js';
import { odooCommand } from '../odoo/odoo-command.js';
import { withFileLock } from './file-lock.js';
import {
  connectionOf,
  databaseExists,
  dropDatabase,
  listDatabases,
  renameDatabase,
  type LocalPostgres,
} from './local-postgres.js';
import type { Logger } from '../logger.js';
import { odooProcessEnv, type OdooSourceTree } from './odoo-source-tree.js';
import { runToFile } from './run-process.js';

export const TEMPLATE_PREFIX = 'forge_tpl_';

/** Part of the template's name: a template built before the asset bundles were in it is never reused. */
const TEMPLATE_LAYOUT = 'web-assets-1';

export interface TemplateRequest {
  tree: OdooSourceTree;
  /** Modules the template holds (installed in one Odoo run); `base` is always added. */
  dependencies: readonly string[];
  /** Load demo data (into the template and so into every module installed on its clones). */
  demo: boolean;
}

export interface TemplateDatabase {
  name: string;
  /** The template's data dir; its filestore is `<dataDir>/filestore/<name>`. */
  dataDir: string;
  /** False when it already existed. */
  built: boolean;
  buildSeconds?: number;
}

/**
 * The template's name: a hash of the series, version, tree path, sorted dependencies, demo flag
 * and the work dir that holds its filestore.
 */
export function templateName(request: TemplateRequest, workDir: string): string {
  const deps = [...new Set(['base', ...request.dependencies])].sort();
  const key = JSON.stringify([
    request.tree.series,
    request.tree.version,
    request.tree.root,
    deps,
    request.demo,
    workDir,
    // v2: the web client's asset bundles are built into the template (older ones lack them).
    TEMPLATE_LAYOUT,
  ]);
  return `${TEMPLATE_PREFIX}${request.tree.series.replace(/\D/g, '')}_${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/**
 * Returns the template database for (series, dependencies, demo), building it once. The build
 * runs under a file lock (one builder per template, others wait), into a temporary database
 * that is renamed only when Odoo succeeded, so a crashed build never leaves a half template.
 */
export async function ensureTemplateDatabase(
  request: TemplateRequest,
  context: { pg: LocalPostgres; workDir: string; logger: Logger; python: string; timeoutMs: number },
): Promise<TemplateDatabase> {
  const name = templateName(request, context.workDir);
  const dataDir = join(context.workDir, 'templates', name);
  const ready = async (): Promise<boolean> =>
    (await databaseExists(context.pg, name)) && existsSync(join(dataDir, 'ready'));
  if (await ready()) return { name, dataDir, built: false };
  mkdirSync(join(context.workDir, 'locks'), { recursive: true });
  return withFileLock(
    join(context.workDir, 'locks', `${name}.lock`),
    context.timeoutMs + 60_000,
    async () => {
      if (await ready()) return { name, dataDir, built: false };
      const deps = [...new Set(['base', ...request.dependencies])].sort();
      context.logger.info(
        `building template database ${name} (Odoo ${request.tree.version}: ${deps.join(',')}${request.demo ? ', demo' : ''})`,
      );
      const building = `${name}_b${randomBytes(3).toString('hex')}`;
      await dropDatabase(context.pg, name);
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
      const logFile = join(dataDir, 'build.log');
      const command = odooCommand({
        database: building,
        db: connectionOf(context.pg),
        addonsPath: request.tree.addonsPaths,
        install: deps,
        withoutDemo: !request.demo,
        dataDir,
        httpPort: false,
      });
      const started = Date.now();
      try {
        const result = await runToFile(context.python, [request.tree.entryPoint, ...command.args], logFile, {
          env: odooProcessEnv(request.tree, command.env),
          cwd: dataDir,
          timeoutMs: context.timeoutMs,
        });
        if (result.code !== 0) {
          const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
          throw new ForgeError(
            'odoo.template',
            `building template database ${name} failed (exit ${result.code ?? result.signal}${result.timedOut ? ', timed out' : ''}):\n${tail}`,
            {
              hint: `see ${logFile}; check that ${deps.join(',')} exist in ${request.tree.addonsPaths.join(', ')}`,
            },
          );
        }
        await warmTemplateAssets(request.tree, building, dataDir, context);
        await renameDatabase(context.pg, building, name);
        const filestore = join(dataDir, 'filestore');
        if (existsSync(join(filestore, building)))
          renameSync(join(filestore, building), join(filestore, name));
        writeFileSync(join(dataDir, 'ready'), `${new Date().toISOString()}\n`);
      } catch (error) {
        await dropDatabase(context.pg, building);
        throw error;
      }
      const buildSeconds = (Date.now() - started) / 1000;
      context.logger.info(`template database ${name} built in ${buildSeconds.toFixed(1)} s`);
      return { name, dataDir, built: true, buildSeconds };
    },
  );
}

/**
 * Serves the freshly built template database once and builds the web client's asset bundles
 * into it (`warmWebAssets`), so that every clone serves them at once instead of compiling them
 * in its first page. Only the series the browser checks know; a failure is a warning (the clones
 * then build the bundles themselves), never a failed template.
 */
async function warmTemplateAssets(
  tree: OdooSourceTree,
  database: string,
  dataDir: string,
  context: { pg: LocalPostgres; logger: Logger; python: string; timeoutMs: number },
): Promise<void> {
  if (!isBrowserCheckSeries(tree.series)) return;
  const started = Date.now();
  try {
    const server = await startLocalOdooServer({
      python: context.python,
      tree,
      command: { database, db: connectionOf(context.pg), addonsPath: tree.addonsPaths, dataDir },
      cwd: dataDir,
      logFile: join(dataDir, 'assets.log'),
      timeoutMs: context.timeoutMs,
    });
    try {
      const warmed = await warmWebAssets({ baseUrl: server.baseUrl, database, series: tree.series });
      context.logger.info(
        `template ${database}: ${warmed.bundles.length} web asset bundles built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      await server.stop();
    }
  } catch (error) {
    context.logger.warn(
      `template ${database}: the web asset bundles were not built into it (${toError(error).message}); each run builds them`,
    );
  }
}

/** Drops every Forge template database and removes the templates' data dirs under `workDir`. */
export async function dropTemplateDatabases(pg: LocalPostgres, workDir: string): Promise<string[]> {
  const names = await listDatabases(pg, TEMPLATE_PREFIX);
  for (const name of names) await dropDatabase(pg, name);
  rmSync(join(workDir, 'templates'), { recursive: true, force: true });
  return names;
}
