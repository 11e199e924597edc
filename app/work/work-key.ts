/** A verified delivery as the webhook server hands it over. */
export interface Delivery {
  id: string;
  name: string;
  payload: unknown;
}

const PR_MARKER = /<!--\s*odoo-forge:pr issue=(\d+)/;

interface IssueLike {
  number?: number;
  body?: string | null;
  pull_request?: unknown;
  user?: { type?: string } | null;
}

/**
 * The issue a comment acts on: its own, or, on a pull request written by a bot (Forge's), the
 * issue named by the `<!-- odoo-forge:pr issue=N -->` marker of its body. A person cannot point
 * a command at another issue by typing the marker into a pull request of their own.
 */
export function issueNumberOf(issue: IssueLike): number | undefined {
  if (typeof issue.number !== 'number') return undefined;
  const marker =
    issue.pull_request && issue.user?.type === 'Bot' ? PR_MARKER.exec(issue.body ?? '')?.[1] : undefined;
  return marker ? Number(marker) : issue.number;
}

/**
 * The queue keys of a delivery, read from its payload before Probot sees it: deliveries that share
 * a key run one after the other, others concurrently. A key is `<owner>/<repo>#<number>` (issues
 * and pull requests share GitHub's numbers):
 * - a comment: its issue; on a Forge pull request also the pull request itself, so a command there
 *   waits both for the issue's conversation and for the pull request's repair turns;
 * - `workflow_run` and `check_run` (the repair loop, Re-run, the repair buttons): each pull request
 *   of the run, so a `/fix` comment and a finished run of the same pull request never run at once;
 * - `installation` / `installation_repositories`: the installation's setup;
 * - anything else: its own delivery id (no ordering).
 */
export function workKeysOf(delivery: Delivery): string[] {
  const payload = (delivery.payload ?? {}) as {
    repository?: { full_name?: string };
    issue?: IssueLike;
    installation?: { id?: number };
    workflow_run?: { pull_requests?: Array<{ number?: number } | null> | null };
    check_run?: { pull_requests?: Array<{ number?: number } | null> | null };
  };
  const repository = payload.repository?.full_name;
  if (repository && payload.issue) {
    const issueNumber = issueNumberOf(payload.issue);
    const own = payload.issue.number;
    if (issueNumber !== undefined) {
      const keys = [`${repository}#${issueNumber}`];
      if (payload.issue.pull_request && own !== undefined && own !== issueNumber)
        keys.push(`${repository}#${own}`);
      return keys;
    }
  }
  const run = payload.workflow_run ?? payload.check_run;
  if (repository && run) {
    const pulls = (run.pull_requests ?? []).flatMap((p) => (typeof p?.number === 'number' ? [p.number] : []));
    if (pulls.length > 0) return [...new Set(pulls)].sort((a, b) => a - b).map((n) => `${repository}#${n}`);
  }
  if (delivery.name === 'installation' || delivery.name === 'installation_repositories')
    return [`installation ${payload.installation?.id ?? '?'}#setup`];
  return [`delivery ${delivery.id}`];
}
