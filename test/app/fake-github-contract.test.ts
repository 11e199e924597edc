import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProbotOctokit } from 'probot';
import { FakeGitHub } from '../fakes/github/fake-github.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';

const routes = OpenApiRoutes.load();

/** A request the typed client would refuse to compile: the fake must refuse it at run time. */
function untyped(fake: FakeGitHub, route: string, params: Record<string, unknown>): Promise<unknown> {
  return client(fake).request(route, params);
}

function client(fake: FakeGitHub): ProbotOctokit {
  return new ProbotOctokit({
    retry: { enabled: false },
    throttle: { enabled: false },
    auth: { token: 'ghs_installation_7' },
    request: { fetch: fake.fetch },
  });
}

describe('the GitHub fake checks requests against the OpenAPI description', () => {
  it('records an unknown route as a violation', async () => {
    const fake = new FakeGitHub(routes);
    fake.state.addRepo('acme', 'r', { installationId: 7 });

    await assert.rejects(
      client(fake).request('GET /repos/{owner}/{repo}/no-such-thing', { owner: 'acme', repo: 'r' }),
    );

    assert.throws(() => fake.assertClean(), /unknown route GET \/repos\/acme\/r\/no-such-thing/);
  });

  it('records a body that breaks the schema (wrong type, bad enum value)', async () => {
    const fake = new FakeGitHub(routes);
    fake.state.addRepo('acme', 'r', { installationId: 7 });
    fake.state.addIssue(fake.state.repo('acme', 'r')!, {
      title: 't',
      body: '',
      user: { login: 'a', id: 1, type: 'User' },
    });

    await assert.rejects(
      untyped(fake, 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: 'acme',
        repo: 'r',
        issue_number: 1,
        body: 42,
      }),
    );
    await assert.rejects(
      untyped(fake, 'POST /repos/{owner}/{repo}/git/trees', {
        owner: 'acme',
        repo: 'r',
        tree: [{ path: 'a', mode: '100600', type: 'blob', sha: 'x' }],
      }),
    );

    assert.equal(fake.violations.length, 2);
    assert.match(fake.violations[0] ?? '', /issues\/create-comment.*body\/body must be string/);
    assert.match(
      fake.violations[1] ?? '',
      /git\/create-tree.*mode must be equal to one of the allowed values/,
    );
  });

  it('records an unknown query parameter and a path parameter of the wrong type', async () => {
    const fake = new FakeGitHub(routes);
    fake.state.addRepo('acme', 'r', { installationId: 7 });

    await assert.rejects(
      client(fake).request('GET /repos/{owner}/{repo}/pulls?colour=red', { owner: 'acme', repo: 'r' }),
    );
    await assert.rejects(
      untyped(fake, 'GET /repos/{owner}/{repo}/issues/{issue_number}', {
        owner: 'acme',
        repo: 'r',
        issue_number: 'abc',
      }),
    );

    assert.match(fake.violations.join('\n'), /unknown query parameter colour/);
    assert.match(fake.violations.join('\n'), /path parameter issue_number must be integer/);
  });

  it('serves a valid request from its state, and hides repositories of other installations', async () => {
    const fake = new FakeGitHub(routes);
    fake.state.addRepo('acme', 'r', { installationId: 7 });
    fake.state.addRepo('other', 'secret', { installationId: 8 });

    const { data } = await client(fake).request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
      owner: 'acme',
      repo: 'r',
      ref: 'heads/main',
    });
    await assert.rejects(
      client(fake).request('GET /repos/{owner}/{repo}', { owner: 'other', repo: 'secret' }),
      { status: 404 },
    );

    assert.equal(data.object.sha, fake.state.repo('acme', 'r')?.refs.get('heads/main'));
    fake.assertClean();
  });
});
