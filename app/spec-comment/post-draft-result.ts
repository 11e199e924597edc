import type { ForgeConfig } from '../../core/config/forge-config.js';
import { comment, type RepoTarget } from '../github/repo-target.js';
import type { DraftResult } from '../../core/llm/spec-drafter.js';
import { postSpec, specErrorsComment } from './post-spec.js';
import type { SpecOrigin } from './spec-comment.js';

/** Where a model's draft (or revision) goes and what to say when there is none. */
export interface DraftDestination {
  target: RepoTarget;
  config: ForgeConfig;
  /** The request issue: a valid spec is posted there as version `version`. */
  issueNumber: number;
  version: number;
  origin: SpecOrigin;
  /** Where the failures are answered (the thread of the command; the issue for a draft). */
  threadNumber: number;
  /** The title of the answer to an invalid result, and what to do next. */
  invalid: { title: (attempts: number) => string; advice: string };
}

/**
 * The step `draftSpec` and `/revise` share once the model has answered: a valid spec (already
 * validated by core's `parseSpec` inside the drafter) is posted as the next version; a spent
 * budget and a spec the model could not make valid are answered with what to do instead.
 */
export async function postDraftResult(result: DraftResult, to: DraftDestination): Promise<void> {
  if (result.ok) {
    await postSpec(to.target, to.issueNumber, to.version, result.spec, result.yaml, to.origin, to.config);
  } else if (result.reason === 'budget') {
    await comment(to.target, to.threadNumber, budgetComment(result.used, result.budget));
  } else {
    await comment(
      to.target,
      to.threadNumber,
      specErrorsComment(to.invalid.title(result.attempts), result.errors, to.invalid.advice),
    );
  }
}

export function budgetComment(used: number, budget: number): string {
  return `⏸️ **The monthly LLM token budget of this installation is spent** (${used.toLocaleString('en')} of ${budget.toLocaleString('en')} tokens). Paste a spec into the issue form's YAML field, or raise \`llm.monthly_token_budget\` in \`.github/odoo-forge.yml\`.`;
}
