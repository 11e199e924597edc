// The /deploy gate reads every page of a commit's check runs: the GitHub fake pages
// `GET /repos/{o}/{r}/commits/{ref}/check-runs` as GitHub does (per_page up to 100, page, a
// `link` header of absolute URLs on the fake's own base URL, in process and served over HTTP),
// and forgeChecksOf follows it with Octokit's paginate: a Forge check beyond the first 100 runs
// counts, and the newest run of each name decides.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProbotOctokit } from 'probot';
import { forgeChecksOf } from '../../app/deploy/forge-checks-of.js';
import { FakeGitHub } from '../fakes/github/fake-github.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { serveFakeGitHub } from '../fakes/github/serve-fake-github.js';

const routes = OpenApiRoutes.load();
const SHA = 'a'.repeat(40);
const TOKEN = 'ghs_installation_7';

function client(options: { fetch?: FakeGitHub['fetch']; baseUrl?: string }): ProbotOctokit {
  return new ProbotOctokit({
    retry: { enabled: false },
    throttle: { enabled: false },
    auth: { token: TOKEN },
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
  });
}

type Conclusion = 'success' | 'failure';

/** A fake with repository acme/r and a client that makes check runs on SHA through the API. */
function repository() {
  const fake = new FakeGitHub(routes);
  fake.state.addRepo('acme', 'r', { installationId: 7 });
  const octokit = client({ fetch: fake.fetch });
  const run = (name: string, conclusion?: Conclusion) =>
    octokit.rest.checks.create({
      owner: 'acme',
      repo: 'r',
      head_sha: SHA,
      name,
      ...(conclusion ? { status: 'completed' as const, conclusion } : { status: 'in_progress' as const }),
    });
  /** `count` runs of other apps' checks (codecov, a CI matrix), each of its own name, all green. */
  const others = async (count: number, tag: string) => {
    for (let i = 0; i < count; i++) await run(`ci/${tag}-${i}`, 'success');
  };
  return { fake, octokit, run, others, target: { octokit, owner: 'acme', repo: 'r', installationId: 7 } };
}

describe('the GitHub fake pages a commit’s check runs like GitHub', () => {
  it('answers per_page (at most 100) and page with a link header of next, last, prev and first on its own base URL', async () => {
    const { fake, octokit, others } = repository();
    await others(250, 'job');
    const list = (query: { per_page?: number; page?: number }) =>
      octokit.rest.checks.listForRef({ owner: 'acme', repo: 'r', ref: SHA, ...query });

    const first = await list({ per_page: 100 });
    assert.equal(first.data.total_count, 250);
    assert.equal(first.data.check_runs.length, 100);
    const path = `https://api.github.com/repos/acme/r/commits/${SHA}/check-runs`;
    assert.equal(
      first.headers.link,
      `<${path}?per_page=100&page=2>; rel="next", <${path}?per_page=100&page=3>; rel="last"`,
    );
    const last = await list({ per_page: 100, page: 3 });
    assert.equal(last.data.check_runs.length, 50);
    assert.equal(
      last.headers.link,
      `<${path}?per_page=100&page=2>; rel="prev", <${path}?per_page=100&page=1>; rel="first"`,
    );
    // More than 100 asked: 100 served, as GitHub does; the default is 30.
    assert.equal((await list({ per_page: 500 })).data.check_runs.length, 100);
    assert.equal((await list({})).data.check_runs.length, 30);
    // The pages hold every run once, newest first.
    const ids = (await Promise.all([1, 2, 3].map((page) => list({ per_page: 100, page })))).flatMap(
      (answer) => answer.data.check_runs.map((r) => r.id),
    );
    assert.equal(new Set(ids).size, 250);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
    );
    fake.assertClean();
  });

  it('is followed by Octokit’s paginate in process and over HTTP (the links name the served base URL)', async () => {
    const { fake, octokit, others } = repository();
    await others(250, 'job');
    const inProcess = await octokit.paginate(octokit.rest.checks.listForRef, {
      owner: 'acme',
      repo: 'r',
      ref: SHA,
      per_page: 100,
    });
    assert.equal(inProcess.length, 250);

    const served = await serveFakeGitHub(fake);
    try {
      const overHttp = client({ baseUrl: served.baseUrl });
      const page = await overHttp.rest.checks.listForRef({
        owner: 'acme',
        repo: 'r',
        ref: SHA,
        per_page: 100,
      });
      assert.match(
        page.headers.link ?? '',
        new RegExp(`^<${served.baseUrl}/repos/acme/r/commits/${SHA}/check-runs\\?`),
      );
      const all = await overHttp.paginate(overHttp.rest.checks.listForRef, {
        owner: 'acme',
        repo: 'r',
        ref: SHA,
        per_page: 100,
      });
      assert.equal(all.length, 250);
      assert.equal(new Set(all.map((r) => r.id)).size, 250);
    } finally {
      await served.close();
    }
    fake.assertClean();
  });
});

describe('forgeChecksOf reads every page of check runs', () => {
  it('finds a failing Forge check behind more than 100 runs of other apps', async () => {
    const { fake, run, others, target } = repository();
    await run('Odoo Forge / lint', 'success');
    await run('Odoo Forge / tests (18.0)', 'failure');
    await others(120, 'codecov');

    const checks = await forgeChecksOf(target, SHA);

    assert.equal(checks.count, 2);
    assert.deepEqual(
      checks.failing.map((c) => [c.name, c.state]),
      [['Odoo Forge / tests (18.0)', 'failure']],
    );
    assert.deepEqual(checks.pending, []);
    assert.match(checks.failing[0]?.url ?? '', /^https:\/\/github\.com\/acme\/r\/runs\/\d+$/);
    fake.assertClean();
  });

  it('with 250 runs, the newest run of each name decides: a failure on the last page counts, a re-run that passed clears one, one still running is pending', async () => {
    const { fake, run, others, target } = repository();
    // The oldest runs, on the last of three pages: tests (16.0) failed and was never run again;
    // tests (18.0) failed and was re-run and passed (page 1), lint passed and then failed.
    await run('Odoo Forge / tests (16.0)', 'failure');
    await run('Odoo Forge / tests (18.0)', 'failure');
    await run('Odoo Forge / tests (17.0)', 'success');
    await run('Odoo Forge / lint', 'success');
    await others(243, 'matrix');
    await run('Odoo Forge / tests (18.0)', 'success');
    await run('Odoo Forge / lint', 'failure');
    await run('Odoo Forge / tests (17.0)');
    assert.equal(fake.state.repo('acme', 'r')?.checkRuns.length, 250);

    const checks = await forgeChecksOf(target, SHA);

    assert.equal(checks.count, 4);
    assert.deepEqual(checks.failing.map((c) => c.name).sort(), [
      'Odoo Forge / lint',
      'Odoo Forge / tests (16.0)',
    ]);
    assert.deepEqual(
      checks.pending.map((c) => [c.name, c.state]),
      [['Odoo Forge / tests (17.0)', 'in_progress']],
    );
    fake.assertClean();
  });
});
