import { ForgeError } from '../../core/errors/forge-error.js';

/** How Odoo reaches PostgreSQL. The password goes into the environment, never the argv (`ps` shows argv). */
export interface OdooDbConnection {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
}

export interface OdooCommandOptions {
  database: string;
  db: OdooDbConnection;
  /** Folders that hold addons (each one a parent of addon folders). */
  addonsPath: readonly string[];
  /** `-i`: modules to install. */
  install?: readonly string[];
  /** `-u`: modules to update. */
  update?: readonly string[];
  /**
   * Modules whose tests run: `--test-tags /m1,/m2` (which also turns testing on, 16.0-18.0).
   * Defaults to none; pass the installed modules to test them.
   */
  testModules?: readonly string[];
  /** `--without-demo`: `true` = `all`; a list = those modules. Default `true` (no demo data). */
  withoutDemo?: boolean | readonly string[];
  /** `--data-dir` (filestore, sessions). */
  dataDir?: string;
  /**
   * `--http-port`; Odoo starts its HTTP server even with `--stop-after-init`, so concurrent runs
   * need distinct ports (HttpCase tests use it). `false`: `--no-http` (no HttpCase tests then).
   */
  httpPort?: number | false;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'critical';
  /** Default true: install/test, then exit. */
  stopAfterInit?: boolean;
  /** Appended as is, after everything else. */
  extraArgs?: readonly string[];
}

export interface OdooCommand {
  /** Arguments after the Odoo entry point (`odoo-bin` or `setup/odoo`). */
  args: string[];
  /** Environment additions (PGPASSWORD when a password is set). */
  env: Record<string, string>;
}

const MODULE_NAME = /^[a-z0-9][a-z0-9_]*$/;
const DB_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Builds the command line of an Odoo install/update/test run. The options are the same for
 * Odoo 16.0, 17.0 and 18.0 (checked against their `odoo/tools/config.py`).
 */
export function odooCommand(options: OdooCommandOptions): OdooCommand {
  if (!DB_NAME.test(options.database)) {
    throw new ForgeError('input.odoo.database', `database name "${options.database}" is not a plain name`, {
      hint: 'use letters, digits, "_", "-" and "."',
    });
  }
  if (options.addonsPath.length === 0 || options.addonsPath.some((p) => p.includes(','))) {
    throw new ForgeError(
      'input.odoo.addons_path',
      `addons path [${options.addonsPath.join(', ')}] is empty or holds a comma`,
      {
        hint: 'give one or more folders, none with a comma in its path',
      },
    );
  }
  const install = checkModules('install', options.install ?? []);
  const update = checkModules('update', options.update ?? []);
  const testModules = checkModules('testModules', options.testModules ?? []);

  const args = ['-d', options.database];
  const { host, port, user, password } = options.db;
  if (host !== undefined) args.push(`--db_host=${host}`);
  if (port !== undefined) args.push(`--db_port=${port}`);
  if (user !== undefined) args.push(`--db_user=${user}`);
  args.push(`--addons-path=${options.addonsPath.join(',')}`);
  if (options.dataDir !== undefined) args.push(`--data-dir=${options.dataDir}`);
  if (install.length > 0) args.push('-i', install.join(','));
  if (update.length > 0) args.push('-u', update.join(','));
  if (testModules.length > 0) args.push(`--test-tags=${testModules.map((m) => `/${m}`).join(',')}`);
  const withoutDemo = options.withoutDemo ?? true;
  if (withoutDemo === true) args.push('--without-demo=all');
  else if (withoutDemo !== false && withoutDemo.length > 0)
    args.push(`--without-demo=${checkModules('withoutDemo', withoutDemo).join(',')}`);
  if (options.httpPort === false) args.push('--no-http');
  else if (options.httpPort !== undefined) args.push(`--http-port=${options.httpPort}`);
  args.push(`--log-level=${options.logLevel ?? 'info'}`, '--workers=0', '--max-cron-threads=0');
  if (options.stopAfterInit ?? true) args.push('--stop-after-init');
  args.push(...(options.extraArgs ?? []));
  return { args, env: password === undefined ? {} : { PGPASSWORD: password } };
}

function checkModules(option: string, modules: readonly string[]): string[] {
  const bad = modules.find((m) => !MODULE_NAME.test(m));
  if (bad !== undefined) {
    throw new ForgeError(
      'input.odoo.module',
      `module name "${bad}" in ${option} is not a technical module name`,
      {
        hint: 'module names match ^[a-z0-9][a-z0-9_]*$',
      },
    );
  }
  return [...modules];
}
