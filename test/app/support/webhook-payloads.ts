import { createRequire } from 'node:module';
import type { FakeComment, FakeIssue, FakeRepo, FakeUser } from '../../fakes/github/github-state.js';

type Payload = Record<string, unknown>;
interface ExampleGroup {
  name: string;
  examples: Payload[];
}

const require = createRequire(import.meta.url);

/**
 * Real example payloads from `@octokit/webhooks-examples`, with the repository, issue,
 * comment, sender and installation replaced by the fake's state, so the app reads back
 * through the API exactly what the payload announced.
 */
export class WebhookPayloads {
  readonly #groups: ExampleGroup[];

  constructor() {
    this.#groups = require('@octokit/webhooks-examples/api.github.com/index.json') as ExampleGroup[];
  }

  #example(event: string, action: string, predicate: (p: Payload) => boolean = () => true): Payload {
    const found = this.#groups
      .find((g) => g.name === event)
      ?.examples.find((e) => e.action === action && predicate(e));
    if (!found) throw new Error(`no example payload for ${event}.${action}`);
    return structuredClone(found);
  }

  issueOpened(repo: FakeRepo, issue: FakeIssue, action: 'opened' | 'edited' = 'opened'): Payload {
    const payload = this.#example('issues', action);
    const previous = payload.changes as Payload | undefined;
    return {
      ...payload,
      ...(action === 'edited' ? { changes: { ...previous, body: { from: 'before' } } } : {}),
      issue: this.#issue(payload.issue as Payload, repo, issue),
      repository: this.#repository(payload.repository as Payload, repo),
      sender: this.#user(payload.sender as Payload, issue.user),
      installation: { id: repo.installationId, node_id: 'INST' },
    };
  }

  issueLabeled(repo: FakeRepo, issue: FakeIssue, label: string, sender: FakeUser): Payload {
    const payload = this.#example('issues', 'labeled');
    return {
      ...payload,
      label: {
        id: 1,
        node_id: 'L1',
        url: '',
        name: label,
        color: 'ededed',
        default: false,
        description: null,
      },
      issue: this.#issue(payload.issue as Payload, repo, issue),
      repository: this.#repository(payload.repository as Payload, repo),
      sender: this.#user(payload.sender as Payload, sender),
      installation: { id: repo.installationId, node_id: 'INST' },
    };
  }

  commentCreated(repo: FakeRepo, issue: FakeIssue, comment: FakeComment, pullBody?: string): Payload {
    const payload = this.#example('issue_comment', 'created');
    const renderedIssue = this.#issue(payload.issue as Payload, repo, issue);
    if (pullBody !== undefined)
      Object.assign(renderedIssue, {
        body: pullBody,
        pull_request: {
          url: `https://api.github.com/repos/${repo.owner}/${repo.name}/pulls/${issue.number}`,
        },
      });
    return {
      ...payload,
      comment: this.#comment(payload.comment as Payload, repo, comment),
      issue: renderedIssue,
      repository: this.#repository(payload.repository as Payload, repo),
      sender: this.#user(payload.sender as Payload, comment.user),
      installation: { id: repo.installationId, node_id: 'INST' },
    };
  }

  commentEdited(
    repo: FakeRepo,
    issue: FakeIssue,
    comment: FakeComment,
    editor: FakeUser,
    previousBody: string,
  ): Payload {
    const payload = this.#example('issue_comment', 'edited');
    return {
      ...payload,
      changes: { body: { from: previousBody } },
      comment: this.#comment(payload.comment as Payload, repo, comment),
      issue: this.#issue(payload.issue as Payload, repo, issue),
      repository: this.#repository(payload.repository as Payload, repo),
      sender: this.#user(payload.sender as Payload, editor),
      installation: { id: repo.installationId, node_id: 'INST' },
    };
  }

  installationCreated(repos: FakeRepo[], account: string): Payload {
    const payload = this.#example('installation', 'created');
    const installation = payload.installation as Payload;
    return {
      ...payload,
      installation: {
        ...installation,
        id: repos[0]?.installationId,
        account: { ...(installation.account as Payload), login: account },
      },
      repositories: repos.map((r) => ({
        id: r.id,
        node_id: `R_${r.id}`,
        name: r.name,
        full_name: `${r.owner}/${r.name}`,
        private: false,
      })),
    };
  }

  repositoriesAdded(repos: FakeRepo[], account: string): Payload {
    const payload = this.#example('installation_repositories', 'added');
    const installation = payload.installation as Payload;
    return {
      ...payload,
      installation: {
        ...installation,
        id: repos[0]?.installationId,
        account: { ...(installation.account as Payload), login: account },
      },
      repositories_added: repos.map((r) => ({
        id: r.id,
        node_id: `R_${r.id}`,
        name: r.name,
        full_name: `${r.owner}/${r.name}`,
        private: false,
      })),
      repositories_removed: [],
    };
  }

  /**
   * `check_run.rerequested` or `check_run.requested_action` (with the button's `identifier`) for
   * a check run named `name` on `headSha` whose details link is `detailsUrl`.
   */
  checkRun(
    repo: FakeRepo,
    action: 'rerequested' | 'requested_action',
    checkRun: { name: string; headSha: string; detailsUrl: string; identifier?: string },
    sender: FakeUser,
  ): Payload {
    const payload = this.#example('check_run', action);
    const example = payload.check_run as Payload;
    return {
      ...payload,
      ...(action === 'requested_action'
        ? { requested_action: { identifier: checkRun.identifier ?? '' } }
        : {}),
      check_run: {
        ...example,
        name: checkRun.name,
        head_sha: checkRun.headSha,
        details_url: checkRun.detailsUrl,
        check_suite: { ...(example.check_suite as Payload), head_sha: checkRun.headSha },
      },
      repository: this.#repository(payload.repository as Payload, repo),
      sender: this.#user(payload.sender as Payload, sender),
      installation: { id: repo.installationId, node_id: 'INST' },
    };
  }

  #repository(example: Payload, repo: FakeRepo): Payload {
    return {
      ...example,
      id: repo.id,
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      default_branch: repo.defaultBranch,
      owner: { ...(example.owner as Payload), login: repo.owner },
    };
  }

  #issue(example: Payload, repo: FakeRepo, issue: FakeIssue): Payload {
    const { pull_request: _ignored, ...rest } = example;
    return {
      ...rest,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      user: this.#user(example.user as Payload, issue.user),
      labels: issue.labels.map((name, id) => ({
        id,
        node_id: `L${id}`,
        url: '',
        name,
        color: 'ededed',
        default: false,
        description: null,
      })),
      html_url: `https://github.com/${repo.owner}/${repo.name}/issues/${issue.number}`,
    };
  }

  #comment(example: Payload, repo: FakeRepo, comment: FakeComment): Payload {
    return {
      ...example,
      id: comment.id,
      body: comment.body,
      user: this.#user(example.user as Payload, comment.user),
      html_url: `https://github.com/${repo.owner}/${repo.name}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    };
  }

  #user(example: Payload, user: FakeUser): Payload {
    return { ...example, login: user.login, id: user.id, type: user.type };
  }
}
