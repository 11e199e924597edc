import type { RepoTarget } from '../github/repo-target.js';
import { cancelStateOf, type CancelRecord } from './cancel-marker.js';
import { specVersionOf, type SpecComment } from './spec-comment.js';

/** A marker for the one-time "how to provide a spec" answer. */
export const GUIDANCE_MARKER = '<!-- odoo-forge:guidance -->';

export interface IssueComments {
  specs: SpecComment[];
  hasGuidance: boolean;
  /** Set while the request is cancelled (`/cancel` answered, no `/reopen` since). */
  cancelled: CancelRecord | undefined;
}

/**
 * Reads the issue's comments and returns the spec comments written by a bot (a person cannot
 * forge one by typing the marker), oldest version first, and whether the request is cancelled.
 */
export async function findSpecComments(target: RepoTarget, issueNumber: number): Promise<IssueComments> {
  const comments = await target.octokit.paginate(target.octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  const fromBot = comments.filter((c) => c.user?.type === 'Bot');
  const specs: SpecComment[] = [];
  for (const c of fromBot) {
    const version = specVersionOf(c.body ?? '');
    if (version !== undefined) specs.push({ id: c.id, version, body: c.body ?? '', url: c.html_url });
  }
  specs.sort((a, b) => a.version - b.version);
  return {
    specs,
    hasGuidance: fromBot.some((c) => (c.body ?? '').includes(GUIDANCE_MARKER)),
    cancelled: cancelStateOf(fromBot.map((c) => ({ body: c.body ?? '', url: c.html_url }))),
  };
}

export function latestSpec(comments: IssueComments): SpecComment | undefined {
  return comments.specs[comments.specs.length - 1];
}
