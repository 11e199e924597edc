import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { botComments, fileRequest, maintainer, reader, say } from './support/conversation.js';
import { startHarness, type Harness } from './support/forge-harness.js';
import { librarySpecYaml } from './support/issue-form-markdown.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();

function expectedAddon(prefix: string): Map<string, string> {
  const parsed = parseSpec(librarySpecYaml);
  if (!parsed.ok) throw new Error('examples/library.yaml must be valid');
  return new Map([...generate(parsed.spec)].map(([path, content]) => [`${prefix}${path}`, content]));
}

describe('/approve', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
    harness.fake.assertClean();
  });

  it('by a writer: one commit on forge/<module> with every generated file, and a PR that closes the issue', async () => {
    harness = await startHarness({ routes, payloads });
    harness.repo.collaborators.set('maria', 'write');
    const mainBefore = harness.repo.refs.get('heads/main');
    const issue = await fileRequest(harness);
    const specComment = botComments(harness, issue)[0];

    const { status } = await say(harness, issue, maintainer, '/approve');

    assert.equal(status, 200);
    const head = harness.repo.refs.get('heads/forge/library_loans');
    assert.ok(head, 'the branch exists');
    assert.deepEqual(harness.repo.commits.get(head)?.parents, [mainBefore], 'one commit on top of main');
    const files = harness.fake.state.filesAt(harness.repo, 'forge/library_loans');
    const expected = expectedAddon('library_loans/');
    assert.ok(expected.size > 5);
    for (const [path, content] of expected)
      assert.equal(files.get(path), content, `${path} holds the generated content`);
    assert.equal(files.get('README.md'), '# odoo-addons\n', 'the rest of main is kept');
    assert.equal(harness.repo.refs.get('heads/main'), mainBefore, 'main is untouched');
    const pulls = [...harness.repo.pulls.values()];
    assert.equal(pulls.length, 1);
    assert.equal(pulls[0]?.head, 'forge/library_loans');
    assert.equal(pulls[0]?.base, 'main');
    assert.match(pulls[0]?.body ?? '', new RegExp(`Closes #${issue.number}\\b`));
    assert.ok(pulls[0]?.body.includes(`issuecomment-${specComment?.id}`), 'the PR links the spec comment');
    assert.ok(issue.labels.includes('forge:approved'));
    assert.match(botComments(harness, issue).at(-1)?.body ?? '', new RegExp(`Opened #${pulls[0]?.number}`));
  });

  it('honours addons_path and branch_prefix from .github/odoo-forge.yml', async () => {
    harness = await startHarness({
      routes,
      payloads,
      files: {
        'README.md': '# addons\n',
        '.github/odoo-forge.yml': 'addons_path: addons\nbranch_prefix: odoo/\n',
      },
    });
    harness.repo.collaborators.set('maria', 'admin');
    const issue = await fileRequest(harness);

    await say(harness, issue, maintainer, '/approve');

    const files = harness.fake.state.filesAt(harness.repo, 'odoo/library_loans');
    assert.ok(files.has('addons/library_loans/__manifest__.py'));
    assert.ok(
      [...files.keys()]
        .filter((p) => p !== 'README.md' && p !== '.github/odoo-forge.yml')
        .every((p) => p.startsWith('addons/library_loans/')),
    );
  });

  it('by a read-only user: a polite refusal that says who may, and nothing is created', async () => {
    harness = await startHarness({ routes, payloads });
    harness.repo.collaborators.set('rob', 'read');
    const issue = await fileRequest(harness);

    await say(harness, issue, reader, '/approve');

    assert.equal(harness.repo.refs.has('heads/forge/library_loans'), false);
    assert.equal(harness.repo.pulls.size, 0);
    const refusal = botComments(harness, issue).at(-1)?.body ?? '';
    assert.match(refusal, /Sorry @rob, `\/approve` may only be used by people with write access/);
  });

  it('is narrowed to the configured approvers', async () => {
    harness = await startHarness({
      routes,
      payloads,
      files: { '.github/odoo-forge.yml': 'approvers: [octocat]\n' },
    });
    harness.repo.collaborators.set('maria', 'write');
    const issue = await fileRequest(harness);

    await say(harness, issue, maintainer, '/approve');

    assert.equal(harness.repo.pulls.size, 0);
    assert.match(
      botComments(harness, issue).at(-1)?.body ?? '',
      /approvers listed in `\.github\/odoo-forge\.yml` \(@octocat\)/,
    );
  });

  it('the same delivery twice, and a second /approve, give one branch, one commit and one PR', async () => {
    harness = await startHarness({ routes, payloads });
    harness.repo.collaborators.set('maria', 'write');
    const issue = await fileRequest(harness);
    const comment = harness.fake.state.addComment(harness.repo, issue.number, '/approve', maintainer);
    const payload = payloads.commentCreated(harness.repo, issue, comment);

    const statuses = await Promise.all([
      harness.deliver('issue_comment', payload, { id: 'delivery-1' }),
      harness.deliver('issue_comment', payload, { id: 'delivery-1' }),
    ]);
    await harness.settle();
    const headAfterFirst = harness.repo.refs.get('heads/forge/library_loans');
    await say(harness, issue, maintainer, '/approve');

    assert.deepEqual(statuses, [200, 200]);
    assert.equal(harness.repo.pulls.size, 1);
    assert.equal(
      harness.repo.refs.get('heads/forge/library_loans'),
      headAfterFirst,
      'no second commit for the same spec version',
    );
    assert.equal(botComments(harness, issue).filter((c) => /Opened #/.test(c.body)).length, 1);
  });

  it('a new spec version updates the existing PR instead of opening another', async () => {
    harness = await startHarness({ routes, payloads, llmFixtures: ['revise-library-late-fee'] });
    harness.repo.collaborators.set('maria', 'write');
    const issue = await fileRequest(harness);
    await say(harness, issue, maintainer, '/approve');
    const firstHead = harness.repo.refs.get('heads/forge/library_loans') ?? '';

    await say(harness, issue, maintainer, '/revise add a late fee to loans');
    await say(harness, issue, maintainer, '/approve');

    assert.equal(harness.repo.pulls.size, 1);
    const head = harness.repo.refs.get('heads/forge/library_loans') ?? '';
    assert.notEqual(head, firstHead);
    assert.deepEqual(
      harness.repo.commits.get(head)?.parents,
      [firstHead],
      'a fast-forward on the existing branch',
    );
    assert.match(
      harness.fake.state
        .filesAt(harness.repo, 'forge/library_loans')
        .get('library_loans/models/library_loan.py') ?? '',
      /fine = fields\.Float/,
    );
    assert.match([...harness.repo.pulls.values()][0]?.body ?? '', /spec v2/);
  });

  it('a failure while approving is answered in the thread, not only logged', async () => {
    harness = await startHarness({ routes, payloads });
    harness.repo.collaborators.set('maria', 'write');
    const issue = await fileRequest(harness);
    harness.repo.refs.delete('heads/main');

    await say(harness, issue, maintainer, '/approve');

    assert.match(
      botComments(harness, issue).at(-1)?.body ?? '',
      /`\/approve` failed: an unexpected error; the app logged it/,
    );
    assert.equal(harness.forge.work.stats.failed, 1);
    assert.equal(harness.repo.pulls.size, 0);
  });
});
