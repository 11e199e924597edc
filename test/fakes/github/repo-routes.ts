import { notFound, requireRepo, type RouteHandler } from './route-handler.js';
import { renderRepo, renderUser } from './render.js';

export const repoRoutes: Record<string, RouteHandler> = {
  'repos/get': (request) => ({ status: 200, body: renderRepo(requireRepo(request)) }),
  'repos/get-content': (request) => {
    const repo = requireRepo(request);
    const branch = request.query.get('ref') ?? repo.defaultBranch;
    const content = request.state
      .filesAt(repo, branch.replace(/^refs\/heads\//, ''))
      .get(request.params.path ?? '');
    if (content === undefined) return notFound();
    if (/application\/vnd\.github(\.v3)?\.raw/.test(request.accept)) return { status: 200, text: content };
    return {
      status: 200,
      body: {
        type: 'file',
        encoding: 'base64',
        size: content.length,
        name: request.params.path?.split('/').pop(),
        path: request.params.path,
        content: Buffer.from(content).toString('base64'),
        sha: 'x',
        url: '',
        git_url: null,
        html_url: null,
        download_url: null,
        _links: { self: '', git: null, html: null },
      },
    };
  },
  'repos/get-collaborator-permission-level': (request) => {
    const repo = requireRepo(request);
    const username = request.params.username ?? '';
    const permission = repo.collaborators.get(username.toLowerCase()) ?? 'read';
    const legacy = permission === 'maintain' ? 'write' : permission === 'triage' ? 'read' : permission;
    return {
      status: 200,
      body: {
        permission: legacy,
        role_name: permission,
        user: renderUser({ login: username, id: 7, type: 'User' }),
      },
    };
  },
};

export const appRoutes: Record<string, RouteHandler> = {
  'apps/create-installation-access-token': (request) => {
    const id = request.params.installation_id ?? '';
    if (![...request.state.repos.values()].some((r) => String(r.installationId) === id)) return notFound();
    return {
      status: 201,
      body: {
        token: `ghs_installation_${id}`,
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        permissions: { issues: 'write', pull_requests: 'write', contents: 'write', metadata: 'read' },
        repository_selection: 'all',
      },
    };
  },
};
