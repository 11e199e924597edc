import { parseModuleRequestForm, type ModuleRequestForm } from '../../core/issue-form/parse-issue-form.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import type { SpecOverrides } from '../../core/spec/spec-overrides.js';
import type { ForgeConfig } from '../../core/config/forge-config.js';
import type { ForgeDeps } from '../forge-deps.js';
import { comment, type RepoTarget } from '../github/repo-target.js';
import { formatSpecError, type DraftResult, type SpecDrafter } from '../../core/llm/spec-drafter.js';
import type { SpecRequest } from '../../core/llm/spec-prompt.js';
import { cancelledAnswer } from '../spec-comment/cancel-marker.js';
import { findSpecComments, GUIDANCE_MARKER, latestSpec } from '../spec-comment/find-spec-comments.js';
import { postDraftResult, type DraftDestination } from '../spec-comment/post-draft-result.js';
import { formOverrides, overrideLines, yamlWithOverrides } from '../spec-comment/form-overrides.js';
import { specYamlOf } from '../spec-comment/spec-comment.js';

export interface IssueFacts {
  number: number;
  title: string;
  body: string;
  labels: string[];
}

/**
 * Drafts a spec for a module-request issue: the form's YAML when filled (validated with core),
 * else the LLM when a key is configured, else one comment that says how to provide a spec.
 * An edit only produces a new version when the form's YAML changed, or when no spec exists yet.
 * A cancelled request drafts nothing (also work queued before the cancel).
 */
export async function draftSpec(
  target: RepoTarget,
  issue: IssueFacts,
  config: ForgeConfig,
  deps: ForgeDeps,
): Promise<void> {
  const form = parseModuleRequestForm(issue.body);
  if (!form && !issue.labels.includes(config.labels.request)) return;
  const request: ModuleRequestForm = form ?? {
    description: issue.body,
    odooVersion: undefined,
    technicalName: undefined,
    specYaml: undefined,
  };
  const existing = await findSpecComments(target, issue.number);
  const latest = latestSpec(existing);
  const formYaml = request.specYaml;
  const overrides = formOverrides(request);
  // The posted spec carries the form's values: compare with that, or every edit would repost it.
  const postedYaml = formYaml === undefined ? undefined : withFormValues(formYaml, overrides);
  const newYaml = postedYaml !== undefined && specYamlOf(latest?.body ?? '')?.trim() !== postedYaml.trim();
  if (existing.cancelled) {
    if (newYaml)
      await comment(
        target,
        issue.number,
        cancelledAnswer('I did not take the edited form YAML as a new spec', existing.cancelled),
      );
    return;
  }
  const destination = { target, config, issueNumber: issue.number, threadNumber: issue.number };
  const version = (latest?.version ?? 0) + 1;
  if (formYaml !== undefined) {
    if (newYaml) await postFormYaml(formYaml, overrides, { ...destination, version });
    return;
  }
  if (latest) return;
  if (!deps.drafter || !request.description) {
    if (existing.hasGuidance) return;
    await comment(target, issue.number, guidance(Boolean(deps.drafter)));
    return;
  }
  const prose: SpecRequest = {
    title: issue.title,
    description: request.description,
    odooVersion: request.odooVersion ?? config.odoo,
    technicalName: request.technicalName,
  };
  await draftFromProse(deps.drafter, prose, { ...destination, version });
}

/** The model drafts a spec from the issue's prose (framed as untrusted data in the prompt). */
async function draftFromProse(
  drafter: SpecDrafter,
  request: SpecRequest,
  destination: Omit<DraftDestination, 'origin' | 'invalid'>,
): Promise<void> {
  const { config, target } = destination;
  const result = await drafter.draft(request, {
    installationId: target.installationId,
    model: config.llm.model,
    maxAttempts: config.llm.max_attempts,
    monthlyTokenBudget: config.llm.monthly_token_budget,
  });
  await postDraftResult(result, {
    ...destination,
    origin: { kind: 'llm', model: config.llm.model },
    invalid: {
      title: (attempts) => `The model did not produce a valid spec in ${attempts} attempts`,
      advice:
        'Paste a spec into the “Module spec (YAML)” field (edit the issue), or describe the module more precisely.',
    },
  });
}

/** The form's YAML with the form's "Odoo version" and "Technical name" written in. */
function withFormValues(yaml: string, overrides: SpecOverrides): string {
  return yamlWithOverrides(yaml, parseSpec(yaml, { overrides }).overridden ?? []);
}

/**
 * The form's YAML, validated by core like a model's answer, and posted or answered the same way.
 * The form's "Odoo version" and "Technical name" win over the YAML's; each difference is said.
 */
async function postFormYaml(
  yaml: string,
  overrides: SpecOverrides,
  destination: Omit<DraftDestination, 'origin' | 'invalid'>,
): Promise<void> {
  const parsed = parseSpec(yaml, { overrides });
  const overridden = parsed.overridden ?? [];
  const result: DraftResult = parsed.ok
    ? { ok: true, spec: parsed.spec, yaml: yamlWithOverrides(yaml, overridden), attempts: 1 }
    : { ok: false, reason: 'invalid', attempts: 1, errors: parsed.errors.map(formatSpecError) };
  await postDraftResult(result, {
    ...destination,
    origin: { kind: 'form', overridden },
    invalid: {
      title: () => 'The YAML in “Module spec (YAML)” is not a valid module spec',
      advice: [
        ...overrideLines(overridden),
        'Line numbers count from the first line inside the YAML field. Edit the issue to fix it; I will check again.',
      ].join('\n'),
    },
  });
}

function guidance(hasModel: boolean): string {
  return [
    GUIDANCE_MARKER,
    '👋 **Odoo Forge needs a module spec to work from.**',
    '',
    hasModel
      ? 'Describe the module in “What should the module do?” and I will draft a spec.'
      : 'This installation has no language model configured, so I cannot draft a spec from prose.',
    '',
    'Edit this issue and paste a spec into the **Module spec (YAML)** field. Start from the example in `examples/library.yaml` of Odoo Forge, or try it locally first with `odoo-forge request ISSUE.md --out DIR`.',
    '',
    'Numbering, computed values, rules, stages, scheduled jobs, mails, wizards, reports, calendar/pivot/graph views, multi-company, settings and default data are keys of the spec too: `docs/module-spec.md` of Odoo Forge shows each with an excerpt and what it generates.',
  ].join('\n');
}
