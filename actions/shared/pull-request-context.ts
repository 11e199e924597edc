import { readFileSync } from 'node:fs';
import { ForgeError } from '../../core/errors/forge-error.js';

/** What an action needs to know about the run it is in, read from the runner's environment. */
export interface PullRequestContext {
  owner: string;
  repo: string;
  /** The commit the job checked out (GITHUB_SHA: the merge commit on a pull request). */
  sha: string;
  /** The commit check runs are put on: the pull request's head, else GITHUB_SHA. */
  headSha: string;
  /** The commit to diff against: the pull request's base, a push's `before`, else undefined. */
  baseSha: string | undefined;
  pullNumber: number | undefined;
  workspace: string;
  /** The run's page (GITHUB_SERVER_URL/owner/repo/actions/runs/RUN_ID): the check runs' details_url. */
  runUrl: string | undefined;
  eventName: string;
}

interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string }; base?: { sha?: string } };
  before?: string;
  after?: string;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value)
    throw new ForgeError('input.action-env', `${name} is not set`, {
      hint: 'run this action in a GitHub Actions job (the runner sets GITHUB_* variables)',
    });
  return value;
}

/** Reads GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_WORKSPACE, GITHUB_EVENT_PATH and the run's URL. */
export function readPullRequestContext(env: NodeJS.ProcessEnv = process.env): PullRequestContext {
  const [owner, repo] = required(env, 'GITHUB_REPOSITORY').split('/');
  if (!owner || !repo)
    throw new ForgeError('input.action-env', `GITHUB_REPOSITORY ${env.GITHUB_REPOSITORY} is not owner/name`);
  const sha = required(env, 'GITHUB_SHA');
  const eventPath = env.GITHUB_EVENT_PATH;
  let payload: EventPayload = {};
  if (eventPath) {
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8')) as EventPayload;
    } catch (cause) {
      throw new ForgeError('input.action-event', `GITHUB_EVENT_PATH ${eventPath} is not readable JSON`, {
        cause,
      });
    }
  }
  const pull = payload.pull_request;
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return {
    owner,
    repo,
    sha,
    headSha: pull?.head?.sha ?? sha,
    baseSha: pull?.base?.sha ?? payload.before,
    pullNumber: pull?.number,
    workspace: required(env, 'GITHUB_WORKSPACE'),
    runUrl: env.GITHUB_RUN_ID ? `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
    eventName: env.GITHUB_EVENT_NAME ?? (pull ? 'pull_request' : 'push'),
  };
}
