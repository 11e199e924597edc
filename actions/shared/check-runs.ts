import type * as actionsCore from '@actions/core';
import { getOctokit } from '@actions/github';
import { annotationBatches, CHECK_LIMITS, trimToLimit, type CheckAnnotation } from './check-run-output.js';

/** The stable check names users make required: keep them across releases. */
export function checkRunName(kind: 'lint' | 'tests' | 'browser' | (string & {}), series?: string): string {
  return kind === 'lint' ? 'Odoo Forge / lint' : `Odoo Forge / ${kind} (${series ?? '?'})`;
}

export type CheckRunConclusion = 'success' | 'failure' | 'neutral' | 'cancelled';

export interface CheckRunTarget {
  token: string;
  owner: string;
  repo: string;
  /** The pull request's head commit: where GitHub shows the check. */
  headSha: string;
  name: string;
  /** The workflow run's page. */
  detailsUrl?: string;
}

export interface CheckRunResult {
  conclusion: CheckRunConclusion;
  title: string;
  summary: string;
  text?: string;
  annotations: CheckAnnotation[];
}

type Octokit = ReturnType<typeof getOctokit>;

/** Why the check run could not be written, for the one line that says so. */
function refusal(thrown: unknown): string {
  const status = (thrown as { status?: unknown }).status;
  if (status === 403 || status === 404)
    return `the token may not write checks (HTTP ${status}): a fork's GITHUB_TOKEN, or a token without checks: write`;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return `the Checks API answered ${typeof status === 'number' ? `HTTP ${status} (${message.slice(0, 200)})` : message}`;
}

/**
 * A check run of one stable name on the pull request's head, or, when the token may not write
 * checks, nothing but one line saying so: callers then rely on the workflow-command
 * annotations and the job summary (`written` is false). Never throws for the Checks API.
 */
export class CheckRun {
  #fallbackSaid = false;

  private constructor(
    private readonly core: typeof actionsCore,
    private readonly target: CheckRunTarget,
    private readonly octokit: Octokit | undefined,
    /** The check run's id, undefined when it could not be created. */
    public id: number | undefined,
    /** Why there is no check run, when there is none. */
    public fallbackReason: string | undefined,
  ) {}

  /** Whether the check run exists and takes the result. */
  get written(): boolean {
    return this.id !== undefined;
  }

  /** Creates the check run `in_progress`; falls back (and says so once) when it may not. */
  static async start(core: typeof actionsCore, target: CheckRunTarget): Promise<CheckRun> {
    if (!target.token) {
      const run = new CheckRun(core, target, undefined, undefined, 'no github-token was given');
      run.#sayFallback();
      return run;
    }
    const octokit = getOctokit(target.token);
    try {
      const { data } = await octokit.rest.checks.create({
        owner: target.owner,
        repo: target.repo,
        name: target.name,
        head_sha: target.headSha,
        status: 'in_progress',
        started_at: new Date().toISOString(),
        ...(target.detailsUrl ? { details_url: target.detailsUrl } : {}),
      });
      return new CheckRun(core, target, octokit, data.id, undefined);
    } catch (thrown) {
      const run = new CheckRun(core, target, octokit, undefined, refusal(thrown));
      run.#sayFallback();
      return run;
    }
  }

  /** A check run `main` created, reopened by id in `post` (state passes the id). */
  static attach(core: typeof actionsCore, target: CheckRunTarget, id: number | undefined): CheckRun {
    const octokit = target.token && id !== undefined ? getOctokit(target.token) : undefined;
    return new CheckRun(
      core,
      target,
      octokit,
      octokit ? id : undefined,
      octokit ? undefined : 'no check run to complete',
    );
  }

  /**
   * Completes the check run: the annotations in batches of 50 over several updates (GitHub
   * appends them), the conclusion with the last batch; summary and text cut to 65,535
   * characters with a note. Returns false when it fell back instead.
   */
  async complete(result: CheckRunResult): Promise<boolean> {
    if (this.id === undefined || !this.octokit) return false;
    const output = {
      title: result.title.slice(0, CHECK_LIMITS.titleChars),
      summary: trimToLimit(result.summary),
      ...(result.text ? { text: trimToLimit(result.text) } : {}),
    };
    const batches = annotationBatches(result.annotations);
    const last = batches.pop() ?? [];
    try {
      for (const batch of batches)
        await this.#update({ status: 'in_progress', output: { ...output, annotations: batch } });
      await this.#update({
        conclusion: result.conclusion,
        completed_at: new Date().toISOString(),
        output: last.length > 0 ? { ...output, annotations: last } : output,
      });
      return true;
    } catch (thrown) {
      this.fallbackReason = refusal(thrown);
      // Best effort: never leave the check run in progress (a required check would hang).
      await this.#update({
        conclusion: result.conclusion,
        completed_at: new Date().toISOString(),
        output: {
          ...output,
          summary: trimToLimit(
            `${output.summary}\n\n> Annotations could not all be sent: ${this.fallbackReason}.\n`,
          ),
        },
      }).catch(() => undefined);
      this.id = undefined;
      this.#sayFallback();
      return false;
    }
  }

  async #update(fields: Record<string, unknown>): Promise<void> {
    if (this.id === undefined || !this.octokit) return;
    await this.octokit.rest.checks.update({
      owner: this.target.owner,
      repo: this.target.repo,
      check_run_id: this.id,
      ...(this.target.detailsUrl ? { details_url: this.target.detailsUrl } : {}),
      ...fields,
    });
  }

  #sayFallback(): void {
    if (this.#fallbackSaid) return;
    this.#fallbackSaid = true;
    this.core.info(
      `No check run "${this.target.name}": ${this.fallbackReason}. The findings are reported as workflow-command annotations and in the job summary instead (docs/actions.md: token choices).`,
    );
  }
}
