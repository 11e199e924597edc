import { notFound, requireRepo, unprocessable, type RouteHandler } from './route-handler.js';
import { renderPull } from './render.js';
import { pagedAnswer } from './page-links.js';

export const pullRoutes: Record<string, RouteHandler> = {
  'pulls/list': (request) => {
    const repo = requireRepo(request);
    const state = request.query.get('state') ?? 'open';
    const head = request.query.get('head');
    const pulls = [...repo.pulls.values()].filter(
      (p) => (state === 'all' || p.state === state) && (!head || `${repo.owner}:${p.head}` === head),
    );
    return pagedAnswer(request, `/repos/${repo.owner}/${repo.name}/pulls`, pulls, (page) =>
      page.map((p) => renderPull(repo, p)),
    );
  },
  'pulls/get': (request) => {
    const repo = requireRepo(request);
    const pull = repo.pulls.get(Number(request.params.pull_number));
    return pull ? { status: 200, body: renderPull(repo, pull) } : notFound();
  },
  'pulls/create': (request) => {
    const repo = requireRepo(request);
    const head = String(request.body.head).replace(`${repo.owner}:`, '');
    const baseBranch = String(request.body.base);
    if (!repo.refs.has(`heads/${head}`)) return unprocessable(`head ${head} does not exist`);
    if (!repo.refs.has(`heads/${baseBranch}`)) return unprocessable(`base ${baseBranch} does not exist`);
    if ([...repo.pulls.values()].some((p) => p.head === head && p.state === 'open')) {
      return unprocessable(`A pull request already exists for ${repo.owner}:${head}.`);
    }
    const number = repo.issues.size + repo.pulls.size + 1;
    const pull = {
      number,
      title: String(request.body.title),
      body: String(request.body.body ?? ''),
      head,
      base: baseBranch,
      state: 'open' as const,
      user: request.state.bot,
    };
    repo.pulls.set(number, pull);
    return { status: 201, body: renderPull(repo, pull) };
  },
  'pulls/update': (request) => {
    const repo = requireRepo(request);
    const pull = repo.pulls.get(Number(request.params.pull_number));
    if (!pull) return notFound();
    if (typeof request.body.title === 'string') pull.title = request.body.title;
    if (typeof request.body.body === 'string') pull.body = request.body.body;
    if (request.body.state === 'open' || request.body.state === 'closed') pull.state = request.body.state;
    return { status: 200, body: renderPull(repo, pull) };
  },
};
