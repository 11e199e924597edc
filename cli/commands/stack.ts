import { hostname } from 'node:os';
import type { Command } from 'commander';
import { ForgeError } from '../../core/errors/forge-error.js';
import type { ContainerDriver } from '../../runner/containers/container-driver.js';
import { discoverEngine } from '../../runner/containers/discover-engine.js';
import { ForgeLabel, ownerLabel } from '../../runner/containers/forge-labels.js';
import { leftOutLine, planAddons } from '../../runner/addons/plan-addons.js';
import { formatTestReport } from '../../runner/odoo/format-test-report.js';
import { parseOdooLog } from '../../runner/odoo/parse-odoo-log.js';
import { listStacks } from '../../runner/stack/list-stacks.js';
import { moduleStates } from '../../runner/stack/module-states.js';
import { OdooStack } from '../../runner/stack/odoo-stack.js';
import { removeStackObjects } from '../../runner/stack/remove-stack-objects.js';
import { reapStacks } from '../../runner/stack/reap-stacks.js';
import {
  assertImagesPresent,
  resolveStackSettings,
  settleImageSeries,
} from '../../runner/stack/resolve-stack-settings.js';
import { STACK_BASELINE } from '../../runner/stack/run-odoo-tests.js';
import { onTerminationSignals, Teardown } from '../../runner/stack/teardown.js';
import {
  ensureTemplate,
  removeTemplates,
  removeUnfinishedTemplates,
  templateFor,
} from '../../runner/stack/template-database.js';
import type { StackOptions } from '../../runner/stack/stack-options.js';
import { ExitCode, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';
import { declareStackOptions } from '../stack-option-flags.js';

interface EngineOption {
  engine?: string;
}

interface UpOptions extends StackOptions {
  modules?: string;
  dbOnly?: boolean;
  attach?: boolean;
  ttl: string;
}

/** `--ttl`: seconds or a unit (90s, 30m, 2h, 1d); zero is refused (the reaper would remove the stack at once). */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!match)
    throw new ForgeError('input.duration', `--ttl is "${text}": not a duration.`, {
      hint: 'Use seconds or a unit: 90s, 30m, 2h, 1d.',
    });
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] ?? ''] ?? 1;
  const seconds = Number(match[1]) * unit;
  if (seconds <= 0)
    throw new ForgeError('input.duration', `--ttl is "${text}": a stack must live longer than 0 s.`, {
      hint: 'Give a positive duration, e.g. --ttl 30m (`stack reap` removes a stack once it expires).',
    });
  return seconds;
}

const engine = (options: EngineOption, io: CliIo): Promise<ContainerDriver> =>
  discoverEngine({ explicit: options.engine, env: io.env });

async function up(addonsDir: string | undefined, options: UpOptions, io: CliIo): Promise<void> {
  const modules = (options.modules ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  if (modules.length > 0 && !addonsDir)
    throw new ForgeError('input.addons-dir', '--modules needs ADDONS_DIR.', {
      hint: 'odoo-forge stack up ADDONS_DIR --modules m1,m2',
    });
  const resolved = resolveStackSettings({
    options: { ...options },
    addonsDirs: addonsDir ? [addonsDir] : [],
    ttlSeconds: parseDuration(options.ttl),
    dbOnly: options.dbOnly,
    cwd: io.cwd,
    env: io.env,
  });
  const logger = {
    info: (m: string) => io.err(`${m}\n`),
    warn: (m: string) => io.err(`warning: ${m}\n`),
    debug: () => {},
  };
  const driver = await engine(options, io);
  await assertImagesPresent(driver, resolved);
  const given = await settleImageSeries(driver, resolved);
  const plan = given.odoo
    ? await planAddons(modules, given.addonsDirs, given.odooSeries, { baseline: STACK_BASELINE })
    : { dependencies: [], leftOut: [] };
  const line = leftOutLine(plan.leftOut, given.odooSeries);
  if (line) logger.info(line);
  const settings = { ...given, leaveOut: plan.leftOut.map((m) => m.dir) };
  const teardown = new Teardown();
  const stopSignals = onTerminationSignals(teardown, io.err);
  // A detached stack outlives this process: the reaper judges it by its expiry only.
  const stack = new OdooStack(driver, settings, logger, {
    owner: options.attach ? ownerLabel() : `detached@${hostname()}`,
  });
  const dropStack = teardown.add(`remove stack ${stack.id}`, () => stack.down());
  try {
    let templateVolume: string | undefined;
    if (settings.odoo && options.template) {
      const ref = await templateFor(driver, settings, plan.dependencies);
      await ensureTemplate(driver, settings, ref, { logger, teardown });
      templateVolume = ref.volume;
    }
    await stack.startDatabase({ publish: true, ...(templateVolume ? { templateVolume } : {}) });
    const db = await driver.inspectContainer(stack.names.db);
    io.out(`stack ${stack.id} is up (expires ${new Date(stack.labels.expiresAt * 1000).toISOString()})\n`);
    io.out(`  postgresql://odoo:odoo@127.0.0.1:${db?.ports[5432] ?? '?'}/postgres\n`);
    if (settings.odoo) {
      io.err('starting Odoo…\n');
      const url = await stack.startOdooServer(modules);
      if (modules.length > 0) await assertInstalled(driver, stack, modules, io);
      io.out(`  Odoo: ${url}/web/login  (login admin, password admin; database forge)\n`);
    }
    if (!options.attach) {
      io.out(`  logs: odoo-forge stack logs ${stack.id}    remove: odoo-forge stack down ${stack.id}\n`);
      dropStack();
      return;
    }
    io.out('  attached: Ctrl-C removes the stack\n');
    // Stay up (the interval keeps the process alive) and say so when the database dies.
    await new Promise<never>((_, reject) => {
      const watch = setInterval(() => {
        stack.assertDatabaseRunning().catch((error: unknown) => {
          clearInterval(watch);
          reject(error);
        });
      }, 5000);
    });
  } catch (error) {
    for (const failure of await teardown.runAll()) io.err(`clean-up failed: ${failure.message}\n`);
    throw error;
  } finally {
    stopSignals();
  }
}

/**
 * `stack up --modules`: Odoo serves even when an install failed, so ask the database; a module
 * not installed fails the command with the report `test` prints (the stack is then removed).
 */
async function assertInstalled(
  driver: ContainerDriver,
  stack: OdooStack,
  modules: string[],
  io: CliIo,
): Promise<void> {
  const states = await moduleStates(driver, stack, modules);
  const missing = modules.filter((m) => states[m] !== 'installed');
  if (missing.length === 0) return;
  const report = parseOdooLog(await driver.logs(stack.names.odoo), { modules });
  io.out(`${formatTestReport(report)}\n`);
  throw new ForgeError(
    'stack.install-failed',
    `${missing.map((m) => `${m} (${states[m]})`).join(', ')} not installed in stack ${stack.id}.`,
    {
      hint: 'The report above says why; fix the addon and run `odoo-forge stack up` again (this stack is removed).',
    },
  );
}

async function ls(options: EngineOption & { json?: boolean }, io: CliIo): Promise<void> {
  const stacks = await listStacks(await engine(options, io));
  if (options.json) {
    io.out(`${JSON.stringify(stacks, null, 2)}\n`);
    return;
  }
  if (stacks.length === 0) {
    io.out('no stacks\n');
    return;
  }
  const now = Date.now() / 1000;
  for (const stack of stacks) {
    const left = Number.isFinite(stack.expiresAt)
      ? `${Math.round((stack.expiresAt - now) / 60)} min left`
      : 'no expiry';
    const odoo = stack.containers.find((c) => c.labels[ForgeLabel.role] === 'odoo');
    const url = odoo?.ports[8069] ? `  http://127.0.0.1:${odoo.ports[8069]}` : '';
    io.out(
      `${stack.id}  owner ${stack.owner || '?'}  ${left}${stack.repository ? `  ${stack.repository}` : ''}${url}\n`,
    );
    for (const c of stack.containers) io.out(`    ${c.name}  ${c.state}  ${c.image}\n`);
    if (stack.volumes.length > 0) io.out(`    volumes: ${stack.volumes.join(', ')}\n`);
  }
}

async function logs(
  stackId: string,
  options: EngineOption & { db?: boolean; follow?: boolean },
  io: CliIo,
): Promise<void> {
  const driver = await engine(options, io);
  const name = `${stackId}-${options.db ? 'db' : 'odoo'}`;
  if (!(await driver.inspectContainer(name))) {
    const db = options.db ? undefined : await driver.inspectContainer(`${stackId}-db`);
    if (db) {
      throw new ForgeError('input.stack', `Stack ${stackId} has no Odoo: it is a --db-only stack.`, {
        hint: `Its PostgreSQL log: odoo-forge stack logs ${stackId} --db`,
      });
    }
    throw new ForgeError('input.stack', `Stack ${stackId} has no container ${name}.`, {
      hint: 'List the stacks with `odoo-forge stack ls`.',
    });
  }
  if (options.follow) await driver.followLogs(name, { onText: io.out });
  else io.out(await driver.logs(name));
}

async function down(
  ids: string[],
  options: EngineOption & { all?: boolean; dryRun?: boolean },
  io: CliIo,
): Promise<void> {
  const driver = await engine(options, io);
  const known = await listStacks(driver);
  if (ids.length === 0 && !options.all)
    throw new ForgeError('input.stack', 'No stack named.', {
      hint: 'odoo-forge stack down ID... (or --all); see `odoo-forge stack ls`.',
    });
  const targets = options.all ? known : known.filter((s) => ids.includes(s.id));
  for (const id of ids) if (!known.some((s) => s.id === id)) io.err(`no stack ${id}\n`);
  for (const stack of targets) {
    if (!options.dryRun)
      await removeStackObjects(
        driver,
        stack.id,
        stack.containers.map((c) => c.id),
      );
    io.out(`${options.dryRun ? 'would remove' : 'removed'} ${stack.id}\n`);
  }
}

async function reap(
  options: EngineOption & { dryRun?: boolean; json?: boolean; templates?: boolean },
  io: CliIo,
): Promise<void> {
  const driver = await engine(options, io);
  const reaped = await reapStacks(driver, { dryRun: options.dryRun });
  // After the stacks: the locks of dead builders are gone, so what has no lock is abandoned.
  const unfinished = options.templates
    ? []
    : await removeUnfinishedTemplates(driver, { dryRun: options.dryRun });
  const templates = options.templates ? await removeTemplates(driver, { dryRun: options.dryRun }) : [];
  const verb = options.dryRun ? 'would remove' : 'removed';
  if (options.json) {
    const stacks = reaped.map((r) => ({
      stack: r.stack.id,
      reason: r.reason,
      owner: r.stack.owner,
      removed: !options.dryRun,
    }));
    io.out(
      `${JSON.stringify({ stacks, templates, unfinishedTemplates: unfinished, removed: !options.dryRun }, null, 2)}\n`,
    );
    return;
  }
  for (const r of reaped) io.out(`${verb} ${r.stack.id} (${r.reason}, owner ${r.stack.owner || '?'})\n`);
  for (const volume of unfinished) io.out(`${verb} unfinished template volume ${volume}\n`);
  for (const volume of templates) io.out(`${verb} template volume ${volume}\n`);
  if (reaped.length === 0 && templates.length === 0 && unfinished.length === 0) io.out('nothing to reap\n');
}

export const stackCommand: CliCommand = {
  name: 'stack',
  register(program: Command, io: CliIo, setExit): void {
    const stack = program
      .command('stack')
      .description('Ephemeral Odoo stacks for manual use (PostgreSQL + Odoo containers)');
    const done = (): void => setExit(ExitCode.ok);
    const upCommand = stack
      .command('up')
      .description('Start a stack and print its Odoo URL and admin login')
      .argument('[ADDONS_DIR]', 'folder holding the module folders (mounted read-only)')
      .option('--modules <m1,m2>', 'modules to install before serving');
    declareStackOptions(upCommand)
      .option('--db-only', 'PostgreSQL only, no Odoo')
      .option('--attach', 'stay in the foreground; Ctrl-C removes the stack')
      .option('--ttl <duration>', 'expiry after which `stack reap` removes it', '2h')
      .action(async (dir: string | undefined, options: UpOptions) => up(dir, options, io).then(done));
    stack
      .command('ls')
      .description('List the stacks on the engine')
      .option('--json', 'as JSON')
      .option('--engine <url>', 'container engine')
      .action(async (options: EngineOption & { json?: boolean }) => ls(options, io).then(done));
    stack
      .command('logs')
      .description("Print a stack's Odoo (or --db) log")
      .argument('<ID>', 'stack id')
      .option('--db', 'the PostgreSQL log')
      .option('-f, --follow', 'follow')
      .option('--engine <url>', 'container engine')
      .action(async (id: string, options: EngineOption & { db?: boolean; follow?: boolean }) =>
        logs(id, options, io).then(done),
      );
    stack
      .command('down')
      .description('Remove stacks')
      .argument('[ID...]', 'stack ids')
      .option('--all', 'every Forge stack on this engine')
      .option('--dry-run', 'say what would be removed')
      .option('--engine <url>', 'container engine')
      .action(async (ids: string[], options: EngineOption & { all?: boolean; dryRun?: boolean }) =>
        down(ids, options, io).then(done),
      );
    stack
      .command('reap')
      .description(
        'Remove every stack whose expiry passed or whose owner process is gone, and unfinished template volumes',
      )
      .option('--templates', 'also remove every template database volume (rebuilt on the next run)')
      .option('--dry-run', 'say what would be removed')
      .option('--json', 'as JSON')
      .option('--engine <url>', 'container engine')
      .action(async (options: EngineOption & { dryRun?: boolean; json?: boolean }) =>
        reap(options, io).then(done),
      );
  },
};
