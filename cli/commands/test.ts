import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ForgeError } from '../../core/errors/forge-error.js';
import { discoverEngine } from '../../runner/containers/discover-engine.js';
import { formatTestRun } from '../../runner/stack/format-test-run.js';
import type { Logger } from '../../runner/logger.js';
import {
  assertImagesPresent,
  resolveStackSettings,
  settleImageSeries,
} from '../../runner/stack/resolve-stack-settings.js';
import { runOdooTests, type RunStep } from '../../runner/stack/run-odoo-tests.js';
import { onTerminationSignals, Teardown } from '../../runner/stack/teardown.js';
import { ExitCode, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';
import { runLocalTest, type LocalTestOptions } from '../run-local-test.js';
import { declareStackOptions } from '../stack-option-flags.js';

interface TestOptions extends LocalTestOptions {
  modules: string;
  local?: boolean;
}

const STEP_TEXT: Record<RunStep, string> = {
  template: 'template database',
  database: 'PostgreSQL',
  install: 'install and tests',
  report: 'report',
  teardown: 'teardown',
};

/** A one-line progress display on a TTY (step, elapsed seconds, last Odoo log line); silent otherwise. */
function progressDisplay(io: CliIo): {
  step: (step: RunStep, detail?: string) => void;
  log: (text: string) => void;
  done: () => void;
} {
  if (!io.isTty) return { step: () => {}, log: () => {}, done: () => {} };
  const started = Date.now();
  let step = '';
  let last = '';
  const draw = (): void => {
    const elapsed = ((Date.now() - started) / 1000).toFixed(0).padStart(3);
    const width = Math.max(20, (process.stdout.columns ?? 100) - step.length - 12);
    io.err(`\r\x1b[K${elapsed}s  ${step}  \x1b[2m${last.slice(0, width)}\x1b[0m`);
  };
  const timer = setInterval(draw, 500);
  return {
    step: (next, detail) => {
      step = `${STEP_TEXT[next]}${detail ? ` (${detail})` : ''}`;
      last = '';
      draw();
    },
    log: (text) => {
      const lines = text.trim().split('\n');
      last = (lines[lines.length - 1] ?? '').replace(/^\S+ \S+ \d+ \w+ \S+ /, '');
    },
    done: () => {
      clearInterval(timer);
      io.err('\r\x1b[K');
    },
  };
}

async function run(addonsDir: string, options: TestOptions, io: CliIo): Promise<number> {
  const modules = options.modules
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  if (modules.length === 0)
    throw new ForgeError('input.modules', '--modules is empty.', {
      hint: 'Name the modules to install and test: --modules m1,m2.',
    });
  if (options.local) return runLocalTest(addonsDir, modules, options, io);
  if (options.pot)
    throw new ForgeError('input.pot', "--pot runs Odoo's exporter on the local run and needs --local.", {
      hint: 'Add --local --odoo-src PATH.',
    });
  const resolved = resolveStackSettings({
    options: { ...options },
    addonsDirs: [addonsDir],
    cwd: io.cwd,
    env: io.env,
  });
  const driver = await discoverEngine({ explicit: options.engine, env: io.env });
  await assertImagesPresent(driver, resolved);
  const settings = await settleImageSeries(driver, resolved);
  const logger: Logger = {
    info: (m) => (options.json ? undefined : io.err(`${m}\n`)),
    warn: (m) => io.err(`warning: ${m}\n`),
    debug: () => {},
  };
  const teardown = new Teardown();
  const display = progressDisplay(io);
  const stopSignals = onTerminationSignals(teardown, (m) => {
    display.done();
    io.err(m);
  });
  try {
    const result = await runOdooTests(driver, settings, {
      modules,
      update: options.update,
      allowNoTests: options.allowNoTests,
      useTemplate: options.template,
      keep: options.keep,
      logger,
      teardown,
      onStep: display.step,
      onLog: display.log,
    });
    display.done();
    if (options.log) writeFileSync(options.log, result.log);
    if (options.json) {
      io.out(
        `${JSON.stringify({ ok: result.verdict.ok, reasons: result.verdict.reasons, series: settings.odooSeries, stack: result.stackId, kept: result.kept, leftOut: result.leftOut, template: result.template, timings: result.timings, report: result.report }, null, 2)}\n`,
      );
    } else {
      io.out(formatTestRun(result, settings.odooSeries));
    }
    return result.verdict.ok ? ExitCode.ok : ExitCode.failed;
  } finally {
    display.done();
    for (const error of await teardown.runAll()) io.err(`clean-up failed: ${error.message}\n`);
    stopSignals();
  }
}

export const testCommand: CliCommand = {
  name: 'test',
  register(program: Command, io: CliIo, setExit): void {
    const command = program
      .command('test')
      .description(
        'Install ADDONS_DIR modules with their tests on a throwaway Odoo stack and report (exit 0 only when all pass)',
      )
      .argument('<ADDONS_DIR>', 'folder holding the module folders')
      .requiredOption('--modules <m1,m2>', 'modules to install and test');
    declareStackOptions(command)
      .option('--update', 'update (-u) instead of install (-i)')
      .option('--allow-no-tests', 'do not fail when no test ran')
      .option('--keep', 'leave the stack running afterwards')
      .option('--json', 'print the report as JSON')
      .option('--log <file>', 'write the whole Odoo log to this file')
      .option('--local', 'run PostgreSQL and Odoo as local processes (no container engine; needs --odoo-src)')
      .option(
        '--pot',
        "with --local: after the install, write each module's i18n/<module>.pot with Odoo's own exporter (as OCA does)",
      )
      .action(async (addonsDir: string, options: TestOptions) => {
        setExit((await run(addonsDir, options, io)) as 0 | 1);
      });
  },
};
