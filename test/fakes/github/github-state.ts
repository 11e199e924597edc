import { createHash } from 'node:crypto';
import type { FakeCheckRun } from './check-run-state.js';
import { HookDeliveryLog } from './hook-delivery-log.js';

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}
export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  user: FakeUser;
  createdAt: string;
  updatedAt: string;
  reactions: string[];
}
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  user: FakeUser;
  state: 'open' | 'closed';
  labels: string[];
  isPullRequest: boolean;
}
export interface FakePull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  user: FakeUser;
  /**
   * A pull request from a fork: `head` is a branch of that repository, not of this one; its head
   * commit is in this repository's commits as `refs/pull/N/head` (GitHub keeps one per pull request).
   */
  fork?: { owner: string; name: string; id: number };
}
export interface FakeTreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
}
export interface FakeCommit {
  sha: string;
  message: string;
  tree: string;
  parents: string[];
}
export interface FakeWorkflowRun {
  id: number;
  name: string;
  headSha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'cancelled' | 'timed_out' | null;
  /** How many times a re-run of the failed jobs was requested. */
  reruns: number;
}
/** An artifact of a workflow run: its files, served zipped (`actions/download-artifact`). */
export interface FakeArtifact {
  id: number;
  runId: number;
  name: string;
  files: Record<string, string>;
  /** `files` zipped, as the download serves them. */
  zip: Uint8Array;
}
export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  installationId: number;
  collaborators: Map<string, 'admin' | 'maintain' | 'write' | 'triage' | 'read'>;
  issues: Map<number, FakeIssue>;
  comments: Map<number, FakeComment>;
  labels: Set<string>;
  pulls: Map<number, FakePull>;
  blobs: Map<string, string>;
  /** A tree is flat here: full paths of files, the way the app writes them. */
  trees: Map<string, FakeTreeEntry[]>;
  commits: Map<string, FakeCommit>;
  refs: Map<string, string>;
  workflowRuns: FakeWorkflowRun[];
  /** Check runs created through the Checks API (`checks/create`, `checks/update`). */
  checkRuns: FakeCheckRun[];
  /** Artifacts of workflow runs (workflow-run-routes.ts). */
  artifacts: FakeArtifact[];
}

/** Everything the fake GitHub knows; tests read it to assert outcomes. */
export class GitHubState {
  readonly repos = new Map<string, FakeRepo>();
  /** The app's webhook deliveries (`GET /app/hook/deliveries`). */
  readonly hookDeliveries = new HookDeliveryLog();
  readonly bot: FakeUser;
  /** Tokens that may read but not write (a fork's GITHUB_TOKEN): writes answer 403. */
  readonly readOnlyTokens = new Set<string>();
  #nextId = 1000;

  constructor(appSlug: string) {
    this.bot = { login: `${appSlug}[bot]`, id: 99, type: 'Bot' };
  }

  nextId(): number {
    this.#nextId += 1;
    return this.#nextId;
  }

  repo(owner: string, name: string): FakeRepo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** Creates a repository with one commit on its default branch holding `files`. */
  addRepo(
    owner: string,
    name: string,
    options: { installationId: number; files?: Record<string, string>; defaultBranch?: string },
  ): FakeRepo {
    const repo: FakeRepo = {
      id: this.nextId(),
      owner,
      name,
      defaultBranch: options.defaultBranch ?? 'main',
      installationId: options.installationId,
      collaborators: new Map(),
      issues: new Map(),
      comments: new Map(),
      labels: new Set(),
      pulls: new Map(),
      blobs: new Map(),
      trees: new Map(),
      commits: new Map(),
      refs: new Map(),
      workflowRuns: [],
      checkRuns: [],
      artifacts: [],
    };
    this.repos.set(`${owner}/${name}`.toLowerCase(), repo);
    const entries = Object.entries(options.files ?? { 'README.md': `# ${name}\n` }).map(
      ([path, content]) => ({
        path,
        mode: '100644',
        type: 'blob' as const,
        sha: this.putBlob(repo, content),
      }),
    );
    const tree = this.putTree(repo, entries);
    const commit = this.putCommit(repo, { message: 'Initial commit', tree, parents: [] });
    repo.refs.set(`heads/${repo.defaultBranch}`, commit);
    return repo;
  }

  putBlob(repo: FakeRepo, content: string): string {
    const bytes = Buffer.from(content, 'utf8');
    const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    repo.blobs.set(sha, content);
    return sha;
  }

  putTree(repo: FakeRepo, entries: FakeTreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => a.path.localeCompare(b.path));
    const sha = createHash('sha1')
      .update(`tree ${JSON.stringify(sorted)}`)
      .digest('hex');
    repo.trees.set(sha, sorted);
    return sha;
  }

  putCommit(repo: FakeRepo, commit: Omit<FakeCommit, 'sha'>): string {
    const sha = createHash('sha1')
      .update(`commit ${JSON.stringify(commit)} ${this.nextId()}`)
      .digest('hex');
    repo.commits.set(sha, { sha, ...commit });
    return sha;
  }

  /** The files of a branch, path → content. */
  filesAt(repo: FakeRepo, branch: string): Map<string, string> {
    const head = repo.refs.get(`heads/${branch}`);
    const files = new Map<string, string>();
    if (!head) return files;
    const commit = repo.commits.get(head);
    for (const entry of repo.trees.get(commit?.tree ?? '') ?? [])
      files.set(entry.path, repo.blobs.get(entry.sha) ?? '');
    return files;
  }

  addIssue(
    repo: FakeRepo,
    issue: { title: string; body: string; user: FakeUser; labels?: string[] },
  ): FakeIssue {
    const number = repo.issues.size + repo.pulls.size + 1;
    const created: FakeIssue = {
      number,
      state: 'open',
      labels: issue.labels ?? [],
      isPullRequest: false,
      ...issue,
    };
    repo.issues.set(number, created);
    return created;
  }

  addComment(repo: FakeRepo, issueNumber: number, body: string, user: FakeUser): FakeComment {
    const now = new Date().toISOString();
    const comment = {
      id: this.nextId(),
      issueNumber,
      body,
      user,
      createdAt: now,
      updatedAt: now,
      reactions: [],
    };
    repo.comments.set(comment.id, comment);
    return comment;
  }

  commentsOn(repo: FakeRepo, issueNumber: number): FakeComment[] {
    return [...repo.comments.values()].filter((c) => c.issueNumber === issueNumber);
  }
}
