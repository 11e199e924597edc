import { notFound, requireRepo, unprocessable, type RouteHandler } from './route-handler.js';
import { pagedAnswer } from './page-links.js';
import { renderComment, renderIssue } from './render.js';

/** Kept here for importers of earlier versions; it lives in page-links.ts. */
export { paginate } from './page-links.js';

export const issueRoutes: Record<string, RouteHandler> = {
  'issues/get': (request) => {
    const repo = requireRepo(request);
    const issue = repo.issues.get(Number(request.params.issue_number));
    return issue ? { status: 200, body: renderIssue(repo, issue) } : notFound();
  },
  'issues/create-comment': (request) => {
    const repo = requireRepo(request);
    const number = Number(request.params.issue_number);
    if (!repo.issues.has(number) && !repo.pulls.has(number)) return notFound();
    const body = String(request.body.body);
    if (body.length > 65_536) return unprocessable('Body is too long (maximum is 65536 characters)');
    const comment = request.state.addComment(repo, number, body, request.state.bot);
    return { status: 201, body: renderComment(repo, comment) };
  },
  'issues/list-comments': (request) => {
    const repo = requireRepo(request);
    const all = request.state
      .commentsOn(repo, Number(request.params.issue_number))
      .map((c) => renderComment(repo, c));
    return pagedAnswer(
      request,
      `/repos/${repo.owner}/${repo.name}/issues/${request.params.issue_number}/comments`,
      all,
      (page) => page,
    );
  },
  'issues/get-comment': (request) => {
    const repo = requireRepo(request);
    const comment = repo.comments.get(Number(request.params.comment_id));
    return comment ? { status: 200, body: renderComment(repo, comment) } : notFound();
  },
  'issues/add-labels': (request) => {
    const repo = requireRepo(request);
    const issue = repo.issues.get(Number(request.params.issue_number));
    if (!issue) return notFound();
    const labels = (request.body.labels as string[] | undefined) ?? [];
    for (const label of labels) {
      repo.labels.add(label);
      if (!issue.labels.includes(label)) issue.labels.push(label);
    }
    return {
      status: 200,
      body: issue.labels.map((name, id) => ({ id, name, color: 'ededed', default: false })),
    };
  },
  'issues/remove-label': (request) => {
    const repo = requireRepo(request);
    const issue = repo.issues.get(Number(request.params.issue_number));
    if (!issue || !issue.labels.includes(request.params.name ?? '')) return notFound();
    issue.labels = issue.labels.filter((l) => l !== request.params.name);
    return {
      status: 200,
      body: issue.labels.map((name, id) => ({ id, name, color: 'ededed', default: false })),
    };
  },
  'reactions/create-for-issue-comment': (request) => {
    const repo = requireRepo(request);
    const comment = repo.comments.get(Number(request.params.comment_id));
    if (!comment) return notFound();
    const content = String(request.body.content);
    const existed = comment.reactions.includes(content);
    if (!existed) comment.reactions.push(content);
    return {
      status: existed ? 200 : 201,
      body: { id: comment.id * 10, content, user: { login: request.state.bot.login, id: 99 } },
    };
  },
};
