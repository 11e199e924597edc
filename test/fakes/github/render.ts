import type { FakeComment, FakeIssue, FakePull, FakeRepo, FakeUser } from './github-state.js';

const base = 'https://github.com';
const api = 'https://api.github.com';

export function renderUser(user: FakeUser): Record<string, unknown> {
  return {
    login: user.login,
    id: user.id,
    type: user.type,
    site_admin: false,
    html_url: `${base}/${user.login}`,
  };
}

export function renderRepo(repo: FakeRepo): Record<string, unknown> {
  return {
    id: repo.id,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: { login: repo.owner, id: 1, type: 'Organization' },
    private: false,
    default_branch: repo.defaultBranch,
    html_url: `${base}/${repo.owner}/${repo.name}`,
    url: `${api}/repos/${repo.owner}/${repo.name}`,
  };
}

export function renderComment(repo: FakeRepo, comment: FakeComment): Record<string, unknown> {
  return {
    id: comment.id,
    node_id: `IC_${comment.id}`,
    body: comment.body,
    user: renderUser(comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    html_url: `${base}/${repo.owner}/${repo.name}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${api}/repos/${repo.owner}/${repo.name}/issues/${comment.issueNumber}`,
    url: `${api}/repos/${repo.owner}/${repo.name}/issues/comments/${comment.id}`,
    author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
  };
}

export function renderIssue(repo: FakeRepo, issue: FakeIssue): Record<string, unknown> {
  return {
    id: issue.number + 5000,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    user: renderUser(issue.user),
    labels: issue.labels.map((name, index) => ({ id: index + 1, name, color: 'ededed', default: false })),
    html_url: `${base}/${repo.owner}/${repo.name}/issues/${issue.number}`,
    ...(issue.isPullRequest
      ? { pull_request: { url: `${api}/repos/${repo.owner}/${repo.name}/pulls/${issue.number}` } }
      : {}),
  };
}

export function renderPull(repo: FakeRepo, pull: FakePull): Record<string, unknown> {
  const headSha =
    (pull.fork ? repo.refs.get(`pull/${pull.number}/head`) : repo.refs.get(`heads/${pull.head}`)) ?? null;
  const headRepo = pull.fork
    ? renderRepo({ ...repo, owner: pull.fork.owner, name: pull.fork.name, id: pull.fork.id })
    : renderRepo(repo);
  return {
    id: pull.number + 9000,
    number: pull.number,
    title: pull.title,
    body: pull.body,
    state: pull.state,
    user: renderUser(pull.user),
    html_url: `${base}/${repo.owner}/${repo.name}/pull/${pull.number}`,
    head: {
      ref: pull.head,
      sha: headSha,
      label: `${pull.fork?.owner ?? repo.owner}:${pull.head}`,
      repo: headRepo,
    },
    base: {
      ref: pull.base,
      sha: repo.refs.get(`heads/${pull.base}`) ?? null,
      label: `${repo.owner}:${pull.base}`,
      repo: renderRepo(repo),
    },
  };
}
