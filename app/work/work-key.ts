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
 * The queue key of a delivery, read from its payload before Probot sees it: deliveries about the
 * same issue (or the same installation's setup) run one after the other, others concurrently.
 */
export function workKeyOf(delivery: Delivery): string {
  const payload = (delivery.payload ?? {}) as {
    repository?: { full_name?: string };
    issue?: IssueLike;
    installation?: { id?: number };
  };
  const repository = payload.repository?.full_name;
  const issueNumber = payload.issue ? issueNumberOf(payload.issue) : undefined;
  if (repository && issueNumber !== undefined) return `${repository}#${issueNumber}`;
  if (delivery.name === 'installation' || delivery.name === 'installation_repositories')
    return `installation ${payload.installation?.id ?? '?'}#setup`;
  return `delivery ${delivery.id}`;
}
