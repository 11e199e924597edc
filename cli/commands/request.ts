import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { pino } from 'pino';
import { ForgeError } from '../../core/errors/forge-error.js';
import { MemoryTokenStore, TokenBudget } from '../../core/llm/token-budget.js';
import { generate } from '../../core/generator/generate.js';
import {
  moduleRequestLabels,
  parseModuleRequestForm,
  type ModuleRequestForm,
} from '../../core/issue-form/parse-issue-form.js';
import type { ModuleSpec, OverriddenValue } from '../../core/spec/module-spec.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { defaultForgeConfig } from '../../core/config/forge-config.js';
import { SpecDrafter } from '../../core/llm/spec-drafter.js';
import { ExitCode, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';
import { formatSpecErrors } from '../read-spec-file.js';
import { writeAddon } from '../write-addon.js';
import { printWritten } from './generate.js';

export interface RequestOptions {
  out: string;
  force?: boolean;
  json?: boolean;
}

/**
 * `odoo-forge request ISSUE.md --out DIR`: what the GitHub App does, without GitHub. Reads the
 * Markdown of a "Module request" issue, takes the spec from its YAML field (or, when
 * ANTHROPIC_API_KEY is set and the field is empty, drafts one with the model), generates the
 * addon and writes DIR/<module>/.
 */
export const requestCommand: CliCommand = {
  name: 'request',
  register(program, io, setExit) {
    program
      .command('request')
      .description(
        'turn a module-request issue (the Markdown of the issue form) into an addon in OUT/<module>/',
      )
      .argument('<issue>', 'the issue body as Markdown (### headings of the "Module request" form)')
      .requiredOption('-o, --out <dir>', 'the folder that receives the addon folder')
      .option('--force', 'replace an existing, different addon folder')
      .option('--json', 'print {module, dir, status, files} as JSON')
      .action(async (issuePath: string, options: RequestOptions) => {
        setExit(await runRequest(issuePath, options, io));
      });
  },
};

export async function runRequest(issuePath: string, options: RequestOptions, io: CliIo): Promise<0 | 2> {
  const form = parseModuleRequestForm(await readIssue(resolve(io.cwd, issuePath)));
  if (!form) {
    throw new ForgeError(
      'input.not-a-module-request',
      `${issuePath} is not a "Module request" issue: none of its ### headings is a field of the form.`,
      {
        hint: 'Give the Markdown GitHub renders from templates/ISSUE_TEMPLATE/module-request.yml ("### Module spec (YAML)" followed by a ```yaml block).',
      },
    );
  }
  const spec =
    form.specYaml !== undefined
      ? specFromYaml(issuePath, form, io)
      : await specFromModel(issuePath, form, io);
  if (!spec) return ExitCode.badInput;
  const written = await writeAddon(generate(spec), resolve(io.cwd, options.out), spec.module.name, {
    force: options.force,
  });
  printWritten(io, spec.module.name, written, options.json === true);
  return ExitCode.ok;
}

async function readIssue(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ForgeError(
      'input.issue-unreadable',
      `Cannot read the issue ${path}: ${code === 'ENOENT' ? 'no such file' : String(code)}.`,
      {
        hint: 'Save the issue body (Markdown) to a file and give its path.',
      },
    );
  }
}

/**
 * The form's "Odoo version" and "Technical name" win over the pasted spec's `odoo` and
 * `module.name`; each difference is said. Errors point at lines of ISSUE.md, not of the YAML
 * field alone.
 */
function specFromYaml(issuePath: string, form: ModuleRequestForm, io: CliIo): ModuleSpec | undefined {
  const parsed = parseSpec(form.specYaml ?? '', {
    overrides: { odoo: form.odooVersion?.trim(), moduleName: form.technicalName?.trim() },
  });
  const offset = (form.specYamlLine ?? 1) - 1;
  for (const override of parsed.overridden ?? []) io.err(`${overrideNote(issuePath, override, offset)}\n`);
  if (parsed.ok) return parsed.spec;
  io.err(
    formatSpecErrors(
      issuePath,
      parsed.errors.map((e) => (e.line === undefined ? e : { ...e, line: e.line + offset })),
    ),
  );
  io.err(
    `${parsed.errors.length} error${parsed.errors.length === 1 ? '' : 's'} in the "Module spec (YAML)" field of ${issuePath}: nothing was written.\n`,
  );
  return undefined;
}

const FORM_LABELS: Readonly<Record<string, string>> = {
  odoo: moduleRequestLabels.odooVersion,
  'module.name': moduleRequestLabels.technicalName,
};

/** `ISSUE.md:14: the form's "Odoo version" is 17.0 but the spec says odoo: "18.0": …`. */
export function overrideNote(issuePath: string, override: OverriddenValue, offset: number): string {
  const where = override.line === undefined ? issuePath : `${issuePath}:${override.line + offset}`;
  const said =
    override.spec === undefined
      ? `the spec has no ${override.path}`
      : `the spec says ${override.path}: ${JSON.stringify(override.spec)}`;
  return `${where}: the form's "${FORM_LABELS[override.path] ?? override.path}" is ${override.value} but ${said}: the form wins, the addon uses ${override.path}: ${JSON.stringify(override.value)}.`;
}

async function specFromModel(
  issuePath: string,
  form: ModuleRequestForm,
  io: CliIo,
): Promise<ModuleSpec | undefined> {
  const apiKey = io.env.ANTHROPIC_API_KEY;
  if (!apiKey || !form.description) {
    throw new ForgeError(
      'input.no-spec',
      `${issuePath} has no spec in its "Module spec (YAML)" field${apiKey ? ' and no description' : ''}.`,
      {
        hint: apiKey
          ? 'Describe the module under "### What should the module do?".'
          : 'Paste a spec into the field (see examples/library.yaml), or set ANTHROPIC_API_KEY to let the model draft one from the description.',
      },
    );
  }
  const config = defaultForgeConfig;
  const model = io.env.FORGE_LLM_MODEL ?? config.llm.model;
  const drafter = new SpecDrafter(
    new Anthropic({ apiKey }),
    new TokenBudget(new MemoryTokenStore()),
    pino({ level: 'info' }, pino.destination(2)),
  );
  const result = await drafter.draft(
    {
      title: issuePath,
      description: form.description,
      odooVersion: form.odooVersion ?? config.odoo,
      technicalName: form.technicalName,
    },
    {
      installationId: 0,
      model,
      maxAttempts: config.llm.max_attempts,
      monthlyTokenBudget: config.llm.monthly_token_budget,
    },
  );
  if (result.ok) {
    io.err(
      `drafted by ${model} in ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}: review the generated addon before you use it.\n`,
    );
    return result.spec;
  }
  io.err(
    result.reason === 'budget'
      ? 'the token budget is spent\n'
      : `${model} gave no valid spec in ${result.attempts} attempts:\n${result.errors.map((e) => `  ${e}\n`).join('')}`,
  );
  return undefined;
}
