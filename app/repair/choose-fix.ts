import type { ForgeConfig } from '../../core/config/forge-config.js';
import { deterministicFix, relativeTo } from '../../core/repair/deterministic-fix.js';
import type { RepairFailure } from '../../core/repair/repair-failure.js';
import type { ForgePull } from './forge-pull.js';
import type { RepairDeps } from './repair-deps.js';

export type FixChoice =
  | { kind: 'fix'; method: 'deterministic' | 'model'; edits: Map<string, string>; why: string[] }
  | { kind: 'none'; detail: string };

export interface FixInput {
  pull: ForgePull;
  failures: RepairFailure[];
  logExcerpt: string;
  /** The addon's files at the head, relative to its folder. */
  files: Map<string, string>;
  /** What the spec generates, relative to the addon folder; undefined without a valid spec. */
  generated: Map<string, string> | undefined;
  installationId: number;
}

/**
 * First the deterministic fixes of the checker findings they know; else, with a model, its
 * edits, refused outside the addon, for workflows and for generated tests, and kept only when
 * the checker then finds no error in the patched addon.
 */
export async function chooseFix(input: FixInput, config: ForgeConfig, deps: RepairDeps): Promise<FixChoice> {
  const { pull } = input;
  const fixed = deterministicFix(input.failures, {
    root: pull.root,
    files: input.files,
    generated: input.generated,
  });
  const edits = changedOnly(fixed.edits, input.files, pull.root);
  if (edits.size > 0)
    return {
      kind: 'fix',
      method: 'deterministic',
      edits,
      why: fixed.notes.map((n) => `\`${n.failure.id}\`: ${n.what}`),
    };
  if (!deps.repairer)
    return {
      kind: 'none',
      detail: 'No deterministic fix applies, and this installation has no language model configured.',
    };
  const checkAddon = deps.checkAddon;
  if (!checkAddon)
    return {
      kind: 'none',
      detail: 'No deterministic fix applies, and the app has no checker to verify a model’s edits.',
    };
  const generatedTests = new Set([...(input.generated?.keys() ?? [])].filter((p) => p.startsWith('tests/')));
  const failingFiles = new Map<string, string>();
  for (const failure of input.failures) {
    const rel = relativeTo(pull.root, failure.file);
    const content = rel !== undefined ? input.files.get(rel) : undefined;
    if (rel !== undefined && content !== undefined) failingFiles.set(`${pull.root}/${rel}`, content);
  }
  // A test names its test file; the code it exercises is in the models (and the manifest).
  const context = [...input.files.keys()].filter(
    (rel) =>
      rel === '__manifest__.py' ||
      (rel.startsWith('models/') &&
        rel.endsWith('.py') &&
        input.failures.some((f) => f.source !== 'finding')),
  );
  for (const rel of context) failingFiles.set(`${pull.root}/${rel}`, input.files.get(rel) as string);
  const result = await deps.repairer.repair(
    {
      root: pull.root,
      specYaml: pull.spec?.yaml,
      failures: input.failures,
      failingFiles,
      logExcerpt: input.logExcerpt,
    },
    {
      installationId: input.installationId,
      model: config.llm.model,
      maxAnswers: Math.min(2, config.llm.max_attempts),
      monthlyTokenBudget: config.llm.monthly_token_budget,
      generatedTests,
      verify: async (modelEdits) => {
        const patched = new Map(input.files);
        for (const [path, content] of modelEdits) patched.set(path.slice(pull.root.length + 1), content);
        const findings = await checkAddon(patched, pull.module);
        return findings
          .filter((f) => f.severity === 'error')
          .map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message}`);
      },
    },
  );
  if (result.ok) {
    const modelEdits = changedOnly(result.edits, input.files, pull.root);
    if (modelEdits.size === 0) return { kind: 'none', detail: 'The model’s edits change no file.' };
    return {
      kind: 'fix',
      method: 'model',
      edits: modelEdits,
      why: [result.explanation || 'the model gave no explanation'],
    };
  }
  if (result.reason === 'budget')
    return {
      kind: 'none',
      detail: `The month’s LLM token budget (\`llm.monthly_token_budget\`, ${result.used} used) leaves no room for a repair call.`,
    };
  const refused = result.refusals.map((r) => `\`${r.path}\` (${r.why})`).join(', ');
  const checker = result.checkerErrors.slice(0, 5).join('; ');
  return {
    kind: 'none',
    detail: `The model’s answers were refused after ${result.answers} tries${refused ? `: edits of ${refused}` : ''}${checker ? `; the checker still found: ${checker}` : ''}.`,
  };
}

/** The edits whose contents differ from the head. */
function changedOnly(
  edits: Map<string, string>,
  files: Map<string, string>,
  root: string,
): Map<string, string> {
  return new Map([...edits].filter(([path, content]) => files.get(path.slice(root.length + 1)) !== content));
}
