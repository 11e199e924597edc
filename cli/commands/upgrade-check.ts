import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ForgeError } from '../../core/errors/forge-error.js';
import { generate } from '../../core/generator/generate.js';
import type { ModuleSpec } from '../../core/spec/module-spec.js';
import { planUpgrade, type UpgradePlan } from '../../core/upgrade/plan-upgrade.js';
import { formatUpgradeSummary } from '../../runner/upgrade/format-upgrade-summary.js';
import { runUpgradeStage } from '../../runner/upgrade/run-upgrade-stage.js';
import { ExitCode, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';
import { formatSpecErrors, readSpecFile } from '../read-spec-file.js';
import { writeAddon } from '../write-addon.js';

interface UpgradeCheckOptions {
  out?: string;
  force?: boolean;
  odooSrc?: string;
  json?: boolean;
}

async function specOf(path: string, io: CliIo): Promise<ModuleSpec | undefined> {
  const result = await readSpecFile(resolve(io.cwd, path));
  if (result.ok) return result.spec;
  io.err(formatSpecErrors(path, result.errors));
  return undefined;
}

function planText(plan: UpgradePlan, base: string, head: string): string {
  const lines = [`${base} → ${head}: ${plan.changes.length} change(s) that matter to installed data`];
  for (const change of plan.changes) lines.push(`  ${change.effect.padEnd(10)} ${change.message}`);
  if (plan.bumped)
    lines.push(
      `  bumped     module.version ${plan.bumped.from} → ${plan.bumped.to}, so Odoo runs the migration`,
    );
  lines.push(
    plan.losses.length === 0
      ? 'nothing is lost on update'
      : `${plan.losses.length} change(s) lose data on update: add renamed_from / mapped_from, or keep the field`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * `odoo-forge upgrade-check BASE.yaml HEAD.yaml [--out DIR] [--odoo-src TREE] [--json]`: what an
 * update from the base spec to the head spec does to installed data; `--out` writes the head
 * addon (version bumped when a migration needs it, migrations included); `--odoo-src` proves it
 * on a real Odoo (docs/upgrade-safety.md). Exit 1 when data would be lost.
 */
export const upgradeCheckCommand: CliCommand = {
  name: 'upgrade-check',
  register(program, io, setExit) {
    program
      .command('upgrade-check')
      .description(
        'what an update from one spec version to the next does to installed data (and, with --odoo-src, the proof on a real Odoo)',
      )
      .argument('<base>', 'the ModuleSpec YAML of the installed version')
      .argument('<head>', 'the ModuleSpec YAML of the new version')
      .option(
        '--out <dir>',
        'write the head addon (migrations included, version bumped when needed) into DIR/<module>/',
      )
      .option('--force', 'with --out: replace an existing different addon')
      .option(
        '--odoo-src <tree>',
        'install the base with demo data on this Odoo source tree, update to the head, compare every record',
      )
      .option('--json', 'print {changes, losses, bumped, stage} as JSON')
      .action(async (basePath: string, headPath: string, options: UpgradeCheckOptions) => {
        const base = await specOf(basePath, io);
        const head = await specOf(headPath, io);
        if (!base || !head) return setExit(ExitCode.badInput);
        if (base.module.name !== head.module.name)
          throw new ForgeError(
            'input.upgrade-other-module',
            `${basePath} describes ${base.module.name} and ${headPath} describes ${head.module.name}: an update keeps the module name`,
            { hint: 'give two versions of the same module spec' },
          );
        const plan = planUpgrade(base, head);
        const out = options.out
          ? await writeAddon(generate(plan.spec), resolve(io.cwd, options.out), head.module.name, {
              force: options.force ?? false,
            })
          : undefined;
        const stage = options.odooSrc
          ? await proveOnOdoo(resolve(io.cwd, options.odooSrc), base, plan.spec)
          : undefined;
        if (options.json) {
          io.out(
            `${JSON.stringify({ changes: plan.changes, losses: plan.losses, bumped: plan.bumped ?? null, out: out?.dir ?? null, stage: stage ?? null }, null, 2)}\n`,
          );
        } else {
          io.out(planText(plan, basePath, headPath));
          if (out)
            io.out(
              `${out.dir}: ${out.status} (${out.files.filter((f) => f.startsWith('migrations/')).join(', ') || 'no migration'})\n`,
            );
          if (stage) io.out(formatUpgradeSummary(stage));
        }
        setExit(plan.losses.length === 0 && (stage?.ok ?? true) ? ExitCode.ok : ExitCode.failed);
      });
  },
};

async function proveOnOdoo(odooSrc: string, base: ModuleSpec, head: ModuleSpec) {
  const work = await mkdtemp(join(tmpdir(), 'odoo-forge-upgrade-'));
  try {
    await writeAddon(generate(base), join(work, 'base'), base.module.name);
    await writeAddon(generate(head), join(work, 'head'), head.module.name);
    return await runUpgradeStage({
      odooSrc,
      baseAddonsDirs: [join(work, 'base')],
      headAddonsDirs: [join(work, 'head')],
      modules: [head.module.name],
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
