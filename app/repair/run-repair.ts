import type { ForgeConfig } from '../../core/config/forge-config.js';
import type { ModuleSpec } from '../../core/spec/module-spec.js';
import { fingerprintOf } from '../../core/repair/fingerprint.js';
import { decideRepair } from '../../core/repair/repair-decision.js';
import { comment, type RepoTarget } from '../github/repo-target.js';
import { pushRepairCommit, readFolderAt } from './branch-files.js';
import { chooseFix } from './choose-fix.js';
import { fetchReports } from './fetch-reports.js';
import type { ForgePull } from './forge-pull.js';
import { attemptComment, summaryComment, type RunLinks } from './repair-comments.js';
import type { RepairDeps } from './repair-deps.js';
import { attemptMarker, endMarker, readRepairHistory } from './repair-markers.js';

/** A completed Forge workflow run of a pull request's head. */
export interface CompletedRun {
  id: number;
  conclusion: string | null;
  headSha: string;
  url: string;
}

export type RepairOutcome =
  { kind: 'ignored'; why: string } | { kind: 'green' | 'stopped' | 'pushed'; detail: string };

export interface RepairContext {
  target: RepoTarget;
  config: ForgeConfig;
  deps: RepairDeps;
  generate: (spec: ModuleSpec) => Map<string, string>;
}

/**
 * One turn of the repair loop for a completed run on a Forge pull request: a green run ends a
 * running loop; a failed one is fingerprinted and either answered by one repair commit with its
 * comment, or ends the loop with a summary for a human. `again` (from `/fix`): the run may be
 * answered a second time.
 */
export async function runRepair(
  context: RepairContext,
  pull: ForgePull,
  run: CompletedRun,
  options: { again?: boolean } = {},
): Promise<RepairOutcome> {
  const { target, config } = context;
  if (run.headSha !== pull.headSha)
    return { kind: 'ignored', why: `run ${run.id} is of ${run.headSha.slice(0, 7)}, not the head` };
  const { history, attemptLinks } = await readRepairHistory(target, pull.number);
  if (options.again) history.answeredRuns = history.answeredRuns.filter((id) => id !== run.id);
  const links: RunLinks = { owner: target.owner, repo: target.repo, headSha: run.headSha, runUrl: run.url };
  if (run.conclusion === 'success') {
    if (history.attempts.length === 0 || history.ended)
      return { kind: 'ignored', why: 'no repair loop is running' };
    await comment(
      target,
      pull.number,
      `${endMarker('green', run.id)}\n✅ **Repaired**: [the checks pass](${run.url}) after ${history.attempts.length} repair attempt(s). The repair loop has ended.`,
    );
    return { kind: 'green', detail: `green after ${history.attempts.length} attempt(s)` };
  }
  if (run.conclusion !== 'failure') return { kind: 'ignored', why: `conclusion ${run.conclusion ?? 'none'}` };
  const reports = await fetchReports(target, run.id);
  if (reports.length === 0)
    return { kind: 'ignored', why: `run ${run.id} uploaded no odoo-forge-report artifact` };
  const failures = reports.flatMap((r) => r.failures);
  const fingerprint = fingerprintOf(failures);
  const maxAttempts = config.repair.max_attempts;
  const decision = decideRepair(history, run.id, fingerprint, maxAttempts);
  if (decision.kind === 'ignore') return { kind: 'ignored', why: decision.why };
  const stop = async (
    reason: Parameters<typeof summaryComment>[0]['reason'],
    detail?: string,
  ): Promise<RepairOutcome> => {
    await comment(
      target,
      pull.number,
      summaryComment({
        marker: endMarker(reason, run.id),
        reason,
        ...(detail ? { detail } : {}),
        attempts: history.attempts,
        attemptLinks,
        failures,
        links,
      }),
    );
    return { kind: 'stopped', detail: reason };
  };
  if (decision.kind === 'stop') return stop(decision.reason);
  const files = await readFolderAt(target, run.headSha, pull.root);
  const choice = await chooseFix(
    {
      pull,
      failures,
      logExcerpt: reports
        .map((r) => r.logExcerpt)
        .filter(Boolean)
        .join('\n'),
      files,
      generated: pull.spec ? context.generate(pull.spec.spec) : undefined,
      installationId: target.installationId,
    },
    config,
    context.deps,
  );
  if (choice.kind === 'none') return stop('no-fix', choice.detail);
  const pushed = await pushRepairCommit(target, {
    branch: pull.branch,
    head: run.headSha,
    edits: choice.edits,
    message: `[FIX] ${pull.module}: repair attempt ${decision.attempt}\n\n${choice.why.join('\n')}`,
    trailer: `Odoo-Forge-Repair: #${pull.number} run ${run.id}`,
  });
  const total = Math.max(maxAttempts, decision.attempt);
  await comment(
    target,
    pull.number,
    attemptComment({
      marker: attemptMarker(
        {
          attempt: decision.attempt,
          runId: run.id,
          fingerprint: fingerprint.value,
          failures: fingerprint.failures,
        },
        decision.usesGrant,
      ),
      attempt: decision.attempt,
      maxAttempts: total,
      method: choice.method,
      why: choice.why,
      commitSha: pushed.sha,
      edited: [...choice.edits.keys()],
      failures,
      links,
    }),
  );
  return { kind: 'pushed', detail: `${choice.method} fix ${pushed.sha.slice(0, 7)}` };
}
