import { parseModuleRequestForm, type ModuleRequestForm } from '../../core/issue-form/parse-issue-form.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import type { ForgeConfig } from '../config/forge-config.js';
import type { ForgeDeps } from '../forge-deps.js';
import { comment, type RepoTarget } from '../github/repo-target.js';
import { formatSpecError } from '../llm/spec-drafter.js';
import { cancelledAnswer } from '../spec-comment/cancel-marker.js';
import { findSpecComments, GUIDANCE_MARKER, latestSpec } from '../spec-comment/find-spec-comments.js';
import { postSpec, specErrorsComment } from '../spec-comment/post-spec.js';
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
  const nextVersion = (latest?.version ?? 0) + 1;
  const newYaml =
    request.specYaml !== undefined && specYamlOf(latest?.body ?? '')?.trim() !== request.specYaml.trim();
  // A cancelled request drafts nothing (also work queued before the cancel); a changed YAML is told why.
  if (existing.cancelled) {
    if (newYaml)
      await comment(
        target,
        issue.number,
        cancelledAnswer('I did not take the edited form YAML as a new spec', existing.cancelled),
      );
    return;
  }

  if (request.specYaml !== undefined) {
    if (!newYaml) return;
    const parsed = parseSpec(request.specYaml);
    if (!parsed.ok) {
      await comment(
        target,
        issue.number,
        specErrorsComment(
          'The YAML in “Module spec (YAML)” is not a valid module spec',
          parsed.errors.map(formatSpecError),
          'Line numbers count from the first line inside the YAML field. Edit the issue to fix it; I will check again.',
        ),
      );
      return;
    }
    await postSpec(
      target,
      issue.number,
      nextVersion,
      parsed.spec,
      request.specYaml,
      { kind: 'form' },
      config,
    );
    return;
  }
  if (latest) return;
  if (!deps.drafter || !request.description) {
    if (existing.hasGuidance) return;
    await comment(target, issue.number, guidance(Boolean(deps.drafter)));
    return;
  }
  const result = await deps.drafter.draft(
    {
      title: issue.title,
      description: request.description,
      odooVersion: request.odooVersion ?? config.odoo,
      technicalName: request.technicalName,
    },
    {
      installationId: target.installationId,
      model: config.llm.model,
      maxAttempts: config.llm.max_attempts,
      monthlyTokenBudget: config.llm.monthly_token_budget,
    },
  );
  if (result.ok) {
    await postSpec(
      target,
      issue.number,
      nextVersion,
      result.spec,
      result.yaml,
      { kind: 'llm', model: config.llm.model },
      config,
    );
  } else if (result.reason === 'budget') {
    await comment(target, issue.number, budgetComment(result.used, result.budget));
  } else {
    await comment(
      target,
      issue.number,
      specErrorsComment(
        `The model did not produce a valid spec in ${result.attempts} attempts`,
        result.errors,
        'Paste a spec into the “Module spec (YAML)” field (edit the issue), or describe the module more precisely.',
      ),
    );
  }
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
  ].join('\n');
}

export function budgetComment(used: number, budget: number): string {
  return `⏸️ **The monthly LLM token budget of this installation is spent** (${used.toLocaleString('en')} of ${budget.toLocaleString('en')} tokens). Paste a spec into the issue form's YAML field, or raise \`llm.monthly_token_budget\` in \`.github/odoo-forge.yml\`.`;
}
