import type { RecordedAttempt, RepairHistory, StopReason } from '../../core/repair/repair-decision.js';
import type { RepoTarget } from '../github/repo-target.js';

/**
 * The repair loop keeps its state in hidden markers of the app's comments on the pull request
 * (as the spec versions live in the issue's comments): every replica and every restart reads
 * the same history from GitHub, and a person cannot forge one (only the app's comments count).
 */
const ATTEMPT =
  /<!-- odoo-forge:repair attempt=(\d+) run=(\d+) fp=([0-9a-f]+) failures=([0-9a-f,]*)( grant)? -->/;
const END = /<!-- odoo-forge:repair-end reason=([a-z-]+) run=(\d+) -->/;
const FIX = '<!-- odoo-forge:repair-fix -->';

export function attemptMarker(attempt: RecordedAttempt, usesGrant: boolean): string {
  return `<!-- odoo-forge:repair attempt=${attempt.attempt} run=${attempt.runId} fp=${attempt.fingerprint} failures=${attempt.failures.join(',')}${usesGrant ? ' grant' : ''} -->`;
}

/** The end of the loop: a stop (`run=0` for `/stop`) or a green run. */
export function endMarker(reason: StopReason | 'green', runId: number): string {
  return `<!-- odoo-forge:repair-end reason=${reason} run=${runId} -->`;
}

export const FIX_MARKER = FIX;

/** Reads the history from the bodies of the app's comments, oldest first. */
export function historyOf(bodies: readonly string[]): RepairHistory {
  const history: RepairHistory = { attempts: [], grants: 0, ended: undefined, answeredRuns: [] };
  for (const body of bodies) {
    const attempt = ATTEMPT.exec(body);
    if (attempt) {
      const runId = Number(attempt[2]);
      history.attempts.push({
        attempt: Number(attempt[1]),
        runId,
        fingerprint: attempt[3] ?? '',
        failures: (attempt[4] ?? '').split(',').filter(Boolean),
      });
      history.answeredRuns.push(runId);
      if (attempt[5]) history.grants = Math.max(0, history.grants - 1);
      continue;
    }
    const end = END.exec(body);
    if (end) {
      history.ended = { reason: end[1] as StopReason | 'green' };
      history.grants = 0;
      if (Number(end[2]) > 0) history.answeredRuns.push(Number(end[2]));
      continue;
    }
    if (body.includes(FIX)) {
      history.ended = undefined;
      history.grants += 1;
    }
  }
  return history;
}

/** The app's comments on the pull request (only a bot's count), oldest first. */
export async function readRepairHistory(
  target: RepoTarget,
  pullNumber: number,
): Promise<{ history: RepairHistory; attemptLinks: Map<number, string> }> {
  const comments = await target.octokit.paginate(target.octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: pullNumber,
    per_page: 100,
  });
  const own = comments.filter((c) => c.user?.type === 'Bot');
  const attemptLinks = new Map<number, string>();
  for (const c of own) {
    const match = ATTEMPT.exec(c.body ?? '');
    if (match) attemptLinks.set(Number(match[1]), c.html_url);
  }
  return { history: historyOf(own.map((c) => c.body ?? '')), attemptLinks };
}
