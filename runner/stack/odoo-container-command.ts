import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ContainerSpec, MountSpec } from '../containers/container-driver.js';
import { odooCommand } from '../odoo/odoo-command.js';
import type { OdooSource } from './stack-settings.js';

/** Where things are inside the Odoo container. */
export const OdooPaths = {
  source: '/opt/odoo',
  addons: (index: number): string => `/mnt/forge-addons/${index}`,
  dataVolume: '/forge-data',
  dataDir: '/forge-data/odoo',
} as const;

/** Database settings every Odoo of a stack uses (the db container answers as `db`). */
export const StackDatabase = {
  host: 'db',
  port: 5432,
  user: 'odoo',
  password: 'odoo',
  name: 'forge',
} as const;

/** The connection options of `StackDatabase` as `odooCommand` takes them. */
const stackDatabaseConnection = {
  host: StackDatabase.host,
  port: StackDatabase.port,
  user: StackDatabase.user,
  password: StackDatabase.password,
};

export interface OdooContainerPlan {
  image: string;
  /** The program and its fixed arguments; the run's Odoo options follow. */
  program: string[];
  mounts: MountSpec[];
  addonsPath: string[];
  env: Record<string, string>;
}

/**
 * How to run Odoo in a container for either source of Odoo: the image's own `odoo`, or Debian's
 * python3 on a source tree mounted read-only (`odoo-bin` at its top, or `setup/odoo` in nightly
 * exports that have no `odoo-bin`).
 */
export function odooContainerPlan(
  odoo: OdooSource,
  addonsDirs: readonly string[],
  dataVolume: string,
  leaveOut: readonly string[] = [],
): OdooContainerPlan {
  const mounts: MountSpec[] = addonsDirs.flatMap((dir, index) => addonsMounts(dir, index, leaveOut));
  mounts.push({ type: 'volume', source: dataVolume, target: OdooPaths.dataVolume });
  const addonsPath: string[] = [];
  let program: string[];
  let image: string;
  if (odoo.kind === 'image') {
    image = odoo.image;
    program = ['odoo'];
  } else {
    image = odoo.runtimeImage;
    mounts.push({ type: 'bind', source: odoo.sourceDir, target: OdooPaths.source, readOnly: true });
    const entry = existsSync(join(odoo.sourceDir, 'odoo-bin')) ? 'odoo-bin' : 'setup/odoo';
    program = ['python3', `${OdooPaths.source}/${entry}`];
    addonsPath.push(`${OdooPaths.source}/odoo/addons`);
    if (existsSync(join(odoo.sourceDir, 'addons'))) addonsPath.push(`${OdooPaths.source}/addons`);
  }
  addonsPath.push(...addonsDirs.map((_, index) => OdooPaths.addons(index)));
  // The official image's entrypoint adds --db_host/--db_user/--db_password from these.
  const env: Record<string, string> = {
    HOST: StackDatabase.host,
    USER: StackDatabase.user,
    PASSWORD: StackDatabase.password,
  };
  if (odoo.kind === 'source') {
    env.PYTHONPATH = OdooPaths.source;
    // The tree is mounted read-only (and may be read-only on the host too, as in CI).
    env.PYTHONDONTWRITEBYTECODE = '1';
  }
  return { image, program, mounts, addonsPath, env };
}

/**
 * The read-only mounts of one addons folder: the folder itself, or, when some of its addons are
 * left out (another series), each of its other sub-folders on its own.
 */
function addonsMounts(dir: string, index: number, leaveOut: readonly string[]): MountSpec[] {
  const target = OdooPaths.addons(index);
  if (!leaveOut.some((left) => dirname(left) === dir))
    return [{ type: 'bind', source: dir, target, readOnly: true }];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !leaveOut.includes(join(dir, entry.name)))
    .map((entry) => ({
      type: 'bind',
      source: join(dir, entry.name),
      target: `${target}/${entry.name}`,
      readOnly: true,
    }));
}

/**
 * Python run instead of `odoo-bin` for a test run from a source tree (argv: the odoo-bin path,
 * then Odoo's options): the parts below that the run asks for, then Odoo's own `cli.main()` as
 * odoo-bin runs it, and a quick exit once Odoo has stopped.
 */
const LAUNCHER_START = [
  'import logging, os, sys, time',
  "os.environ['TZ'] = 'UTC'",
  'sys.argv = sys.argv[1:]',
  'import odoo',
];

/**
 * Odoo starts together with PostgreSQL: it imports itself (the slow part of its start) while
 * PostgreSQL starts, then waits until the stack's database answers.
 */
const WAIT_FOR_DATABASE = [
  'import psycopg2',
  'deadline = time.time() + 180',
  'while True:',
  '    try:',
  `        psycopg2.connect(host='${StackDatabase.host}', port=${StackDatabase.port}, user='${StackDatabase.user}', dbname='postgres', connect_timeout=2).close()`,
  '        break',
  '    except psycopg2.OperationalError as error:',
  '        if time.time() > deadline:',
  `            sys.exit('odoo-forge: PostgreSQL at ${StackDatabase.host}:${StackDatabase.port} did not answer within 180 s: %s' % error)`,
  '        time.sleep(0.1)',
];

/**
 * The database is a copy of a template built from this same Odoo tree (the template key names
 * the tree: runner/stack/template-database.ts), so it knows every module of the tree with the
 * manifest values Odoo read then. Every `-i`/`-u` makes Odoo re-read the manifests of all modules
 * of all addons paths (`ir.module.module.update_list`, most of a second on the reduced tree);
 * this one re-reads the modules of the other addons paths (the repository's) and the modules
 * the database does not know, and says how many it left alone.
 */
const KNOWN_TREE_MODULES = [
  'import odoo.modules',
  'forge_all_modules = odoo.modules.get_modules',
  'def forge_get_modules():',
  '    names = forge_all_modules()',
  '    caller = sys._getframe(1)',
  "    known = caller.f_locals.get('known_mods_names')",
  "    if caller.f_code.co_name != 'update_list' or not isinstance(known, dict):",
  '        return names',
  '    others = set()',
  '    for path in odoo.addons.__path__:',
  `        if not os.path.abspath(path).startswith('${OdooPaths.source}/') and os.path.isdir(path):`,
  '            others.update(os.listdir(path))',
  '    read = [name for name in names if name not in known or name in others]',
  "    logging.getLogger('odoo.forge').info('module list: %d modules of the Odoo tree known to the template database left as they are, %d read', len(names) - len(read), len(read))",
  '    return read',
  'odoo.modules.get_modules = forge_get_modules',
];

/**
 * Odoo has stopped (its logs flushed, its database connections closed): exit with its code at
 * once instead of tearing down the interpreter's heap (a few tenths of a second after a test run).
 */
const RUN_AND_EXIT = [
  'try:',
  '    odoo.cli.main()',
  '    code = 0',
  'except SystemExit as stopped:',
  '    code = stopped.code',
  'if code is not None and not isinstance(code, int):',
  '    print(code, file=sys.stderr)',
  '    code = 1',
  'logging.shutdown()',
  'sys.stdout.flush()',
  'sys.stderr.flush()',
  'os._exit(code or 0)',
];

/** The launcher's Python for a run (see LAUNCHER_START). */
export function odooLauncher(options: { waitForDatabase: boolean; fromTemplate: boolean }): string {
  return [
    ...LAUNCHER_START,
    ...(options.waitForDatabase ? WAIT_FOR_DATABASE : []),
    ...(options.fromTemplate ? KNOWN_TREE_MODULES : []),
    ...RUN_AND_EXIT,
  ].join('\n');
}

/** What one Odoo process of a stack does (the rest of its command line is the stack's). */
export interface OdooRun {
  install?: string[];
  update?: string[];
  /** Modules whose tests run (`--test-tags /m`). */
  testModules?: string[];
  /** Default true: exit after the install/update. */
  stopAfterInit?: boolean;
  /** Default false: no demo data, as in the template databases. */
  demo?: boolean;
  /**
   * Start before PostgreSQL answers: Odoo imports itself, then waits for the database (source
   * trees only; an image's own entrypoint decides how it starts).
   */
  waitForDatabase?: boolean;
  /**
   * The database is a copy of a template built from this Odoo tree: the module list update
   * re-reads only the repository's addons and the modules it does not know (source trees only).
   */
  fromTemplate?: boolean;
  /**
   * `odoo shell` with this host file's Python on stdin instead of a server run (its folder is
   * mounted read-only at /forge-shell; the run's install/update/tests options are ignored).
   */
  shellScript?: string;
}

/** Where a shell run's script folder is mounted. */
export const SHELL_MOUNT = '/forge-shell';

/**
 * The container of one Odoo process: the stack's database, paths and port around the run's own
 * options, built with the shared Odoo command-line builder (runner/odoo/odoo-command.ts).
 */
export function odooContainerSpec(
  plan: OdooContainerPlan,
  run: OdooRun,
  base: Omit<ContainerSpec, 'image' | 'cmd'>,
): ContainerSpec {
  const command = odooCommand({
    database: StackDatabase.name,
    db: stackDatabaseConnection,
    addonsPath: plan.addonsPath,
    dataDir: OdooPaths.dataDir,
    install: run.install ?? [],
    update: run.update ?? [],
    testModules: run.testModules ?? [],
    withoutDemo: !(run.demo ?? false),
    httpPort: 8069,
    stopAfterInit: run.stopAfterInit ?? true,
    extraArgs: ['--http-interface=0.0.0.0', `--db-filter=^${StackDatabase.name}$`],
  });
  if (run.shellScript) {
    const shell = odooCommand({
      database: StackDatabase.name,
      db: stackDatabaseConnection,
      addonsPath: plan.addonsPath,
      dataDir: OdooPaths.dataDir,
      withoutDemo: !(run.demo ?? false),
      httpPort: false,
      stopAfterInit: false,
    });
    return {
      ...base,
      image: plan.image,
      // The image's own entrypoint (if any) is replaced: the command names the database itself.
      entrypoint: ['sh', '-c', `exec "$@" < ${SHELL_MOUNT}/${basename(run.shellScript)}`, 'forge-shell'],
      cmd: [...plan.program, 'shell', ...shell.args],
      mounts: [
        ...plan.mounts,
        { type: 'bind', source: dirname(run.shellScript), target: SHELL_MOUNT, readOnly: true },
      ],
      env: { ...plan.env, ...shell.env, ...base.env },
    };
  }
  const launcher = {
    waitForDatabase: run.waitForDatabase ?? false,
    fromTemplate: run.fromTemplate ?? false,
  };
  const program =
    (launcher.waitForDatabase || launcher.fromTemplate) &&
    plan.program[0] === 'python3' &&
    plan.program.length === 2
      ? ['python3', '-c', odooLauncher(launcher), plan.program[1] as string]
      : plan.program;
  return {
    ...base,
    image: plan.image,
    cmd: [...program, ...command.args],
    mounts: plan.mounts,
    env: { ...plan.env, ...command.env, ...base.env },
  };
}
