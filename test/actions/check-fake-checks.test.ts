import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getOctokit } from '@actions/github';
import { FakeGitHub } from '../fakes/github/fake-github.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';

const routes = OpenApiRoutes.load();

function setUp() {
  const fake = new FakeGitHub(routes);
  const repo = fake.state.addRepo('acme', 'addons', { installationId: 5 });
  const octokit = (token: string) =>
    getOctokit(token, { baseUrl: 'https://api.github.com', request: { fetch: fake.fetch, retries: 0 } });
  return { fake, repo, octokit };
}

const owner = 'acme';
const repoName = 'addons';
const sha = 'a'.repeat(40);

describe('the GitHub fake’s Checks API', () => {
  it('lists the latest run of each name for a ref and pages through every annotation', async () => {
    const { fake, octokit } = setUp();
    const api = octokit('ghs_installation_5').rest.checks;
    const first = await api.create({
      owner,
      repo: repoName,
      name: 'Odoo Forge / lint',
      head_sha: sha,
      status: 'in_progress',
    });
    const second = await api.create({
      owner,
      repo: repoName,
      name: 'Odoo Forge / lint',
      head_sha: sha,
      status: 'in_progress',
    });
    await api.create({
      owner,
      repo: repoName,
      name: 'Odoo Forge / tests (18.0)',
      head_sha: sha,
      conclusion: 'neutral',
      output: { title: 't', summary: 's' },
    });
    for (let batch = 0; batch < 3; batch += 1)
      await api.update({
        owner,
        repo: repoName,
        check_run_id: second.data.id,
        output: {
          title: 'lint',
          summary: 'findings',
          annotations: Array.from({ length: 50 }, (_, i) => ({
            path: 'addons/x/models/a.py',
            start_line: batch * 50 + i + 1,
            end_line: batch * 50 + i + 1,
            annotation_level: 'warning' as const,
            message: `m${batch * 50 + i}`,
          })),
        },
      });
    await api.update({ owner, repo: repoName, check_run_id: second.data.id, conclusion: 'success' });
    const listed = await api.listForRef({ owner, repo: repoName, ref: sha });
    assert.deepEqual(listed.data.check_runs.map((r) => [r.name, r.status, r.conclusion]).sort(), [
      ['Odoo Forge / lint', 'completed', 'success'],
      ['Odoo Forge / tests (18.0)', 'completed', 'neutral'],
    ]);
    const byName = await api.listForRef({
      owner,
      repo: repoName,
      ref: sha,
      check_name: 'Odoo Forge / lint',
      filter: 'all',
    });
    assert.deepEqual(byName.data.check_runs.map((r) => r.id).sort(), [first.data.id, second.data.id].sort());
    const annotations = await octokit('ghs_installation_5').paginate(api.listAnnotations, {
      owner,
      repo: repoName,
      check_run_id: second.data.id,
      per_page: 100,
    });
    assert.equal(annotations.length, 150);
    assert.deepEqual(
      annotations.map((a) => a.start_line),
      Array.from({ length: 150 }, (_, i) => i + 1),
    );
    fake.assertClean();
  });

  it('refuses 51 annotations in one request, a completed run without a conclusion, and writes with a read-only token', async () => {
    const { fake, repo, octokit } = setUp();
    fake.state.readOnlyTokens.add('ghs_installation_5_ro');
    const api = octokit('ghs_installation_5').rest.checks;
    const annotation = {
      path: 'a.py',
      start_line: 1,
      end_line: 1,
      annotation_level: 'notice' as const,
      message: 'm',
    };
    await assert.rejects(
      api.create({
        owner,
        repo: repoName,
        name: 'n',
        head_sha: sha,
        output: { title: 't', summary: 's', annotations: Array(51).fill(annotation) },
      }),
      (error: { status?: number }) => error.status === 422,
    );
    await assert.rejects(
      api.create({ owner, repo: repoName, name: 'n', head_sha: sha, status: 'completed' }),
      (error: { status?: number }) => error.status === 422,
    );
    assert.equal(fake.violations.length, 2, fake.violations.join('\n'));
    await assert.rejects(
      octokit('ghs_installation_5_ro').rest.checks.create({
        owner,
        repo: repoName,
        name: 'n',
        head_sha: sha,
      }),
      (error: { status?: number }) => error.status === 403,
    );
    await assert.rejects(
      octokit('ghs_installation_9').rest.checks.create({ owner, repo: repoName, name: 'n', head_sha: sha }),
      (error: { status?: number }) => error.status === 404,
    );
    assert.equal(repo.checkRuns.length, 0);
  });
});
