import { createRequire } from 'node:module';

type Payload = Record<string, unknown>;
interface ExampleGroup {
  name: string;
  examples: Payload[];
}

const require = createRequire(import.meta.url);

export interface PullRequestEventOptions {
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  headSha: string;
  action?: string;
}

/**
 * A real `pull_request` webhook payload from `@octokit/webhooks-examples` with the repository,
 * number and base/head commits rewritten: what the runner writes to GITHUB_EVENT_PATH.
 */
export function pullRequestEvent(options: PullRequestEventOptions): Payload {
  const groups = require('@octokit/webhooks-examples/api.github.com/index.json') as ExampleGroup[];
  const action = options.action ?? 'opened';
  const example = groups.find((g) => g.name === 'pull_request')?.examples.find((e) => e.action === action);
  if (!example) throw new Error(`no example pull_request.${action} payload`);
  const payload = structuredClone(example);
  const fullName = `${options.owner}/${options.repo}`;
  const repository = {
    ...(payload.repository as Payload),
    name: options.repo,
    full_name: fullName,
    owner: { ...((payload.repository as Payload).owner as Payload), login: options.owner },
    html_url: `https://github.com/${fullName}`,
  };
  const pull = payload.pull_request as Payload;
  payload.number = options.number;
  payload.repository = repository;
  payload.pull_request = {
    ...pull,
    number: options.number,
    html_url: `https://github.com/${fullName}/pull/${options.number}`,
    head: { ...(pull.head as Payload), sha: options.headSha, repo: repository },
    base: { ...(pull.base as Payload), sha: options.baseSha, repo: repository },
  };
  return payload;
}

/** A real `push` webhook payload with the repository and `before`/`after` rewritten. */
export function pushEvent(options: { owner: string; repo: string; before: string; after: string }): Payload {
  const groups = require('@octokit/webhooks-examples/api.github.com/index.json') as ExampleGroup[];
  const example = groups.find((g) => g.name === 'push')?.examples[0];
  if (!example) throw new Error('no example push payload');
  const payload = structuredClone(example);
  const fullName = `${options.owner}/${options.repo}`;
  payload.before = options.before;
  payload.after = options.after;
  payload.ref = 'refs/heads/main';
  payload.repository = {
    ...(payload.repository as Payload),
    name: options.repo,
    full_name: fullName,
    owner: { ...((payload.repository as Payload).owner as Payload), login: options.owner },
  };
  return payload;
}
