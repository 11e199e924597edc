import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { specVersionOf, specYamlOf } from '../../app/spec-comment/spec-comment.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { startHarness, type Harness } from './support/forge-harness.js';
import { issueFormMarkdown, librarySpecYaml } from './support/issue-form-markdown.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();
const alice = { login: 'alice', id: 501, type: 'User' as const };

/** The library example, saying 18.0 / library_y where the form will say 17.0 / library_x. */
const pastedYaml = librarySpecYaml.replace(/^(\s+name:\s*)library_loans\b/m, '$1library_y');

describe("the module-request form's Odoo version and technical name win over a pasted spec", () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
    harness.fake.assertClean();
  });

  it('posts the spec with the form values, names each difference, and does not repost on an unrelated edit', async () => {
    assert.match(pastedYaml, /^odoo: "18\.0"/m);
    assert.match(pastedYaml, /^\s+name: library_y\b/m);
    harness = await startHarness({ routes, payloads });
    const body = issueFormMarkdown({
      description: 'Lend books.',
      odoo: '17.0',
      technicalName: 'library_x',
      yaml: pastedYaml,
    });
    const issue = harness.fake.state.addIssue(harness.repo, { title: 'Library', body, user: alice });

    assert.equal(await harness.deliver('issues', payloads.issueOpened(harness.repo, issue)), 200);
    await harness.settle();

    const comments = harness.fake.state.commentsOn(harness.repo, issue.number);
    assert.equal(comments.length, 1);
    const posted = comments[0]?.body ?? '';
    assert.equal(specVersionOf(posted), 1);
    assert.match(posted, /Module spec v1: `library_x` \(Odoo 17\.0\)/);
    const reread = parseSpec(specYamlOf(posted) ?? '');
    assert.ok(reread.ok, 'the posted YAML is a valid spec');
    assert.equal(reread.spec.odoo, '17.0');
    assert.equal(reread.spec.module.name, 'library_x');
    assert.match(posted, /“Odoo version” is `17\.0` but the spec says `odoo: "18\.0"`: the form wins/);
    assert.match(
      posted,
      /“Technical name” is `library_x` but the spec says `module\.name: "library_y"`: the form wins/,
    );
    // The rest of the pasted YAML (comments included) is posted as it was.
    assert.equal(
      specYamlOf(posted)?.trim(),
      pastedYaml
        .replace('odoo: "18.0"', 'odoo: "17.0"')
        .replace('name: library_y', 'name: "library_x"')
        .trim(),
    );
    assert.deepEqual(issue.labels, ['forge:spec']);

    issue.body = body.replace('Lend books.', 'Lend books to members.');
    await harness.deliver('issues', payloads.issueOpened(harness.repo, issue, 'edited'));
    await harness.settle();
    assert.equal(harness.fake.state.commentsOn(harness.repo, issue.number).length, 1, 'same YAML, no v2');
  });

  it('an invalid pasted spec is answered with its errors and the differences the form made', async () => {
    harness = await startHarness({ routes, payloads });
    const broken = pastedYaml.replace('pages:       {type: integer}', 'pages:       {type: int}');
    const issue = harness.fake.state.addIssue(harness.repo, {
      title: 'Library',
      body: issueFormMarkdown({ odoo: '17.0', technicalName: 'library_x', yaml: broken }),
      user: alice,
    });

    await harness.deliver('issues', payloads.issueOpened(harness.repo, issue));
    await harness.settle();

    const [answer, ...rest] = harness.fake.state.commentsOn(harness.repo, issue.number);
    assert.equal(rest.length, 0);
    assert.equal(specVersionOf(answer?.body ?? ''), undefined);
    assert.match(answer?.body ?? '', /`models\[0\]\.fields\.pages\.type`/);
    assert.match(
      answer?.body ?? '',
      /“Odoo version” is `17\.0` but the spec says `odoo: "18\.0"`: the form wins/,
    );
    assert.match(
      answer?.body ?? '',
      /“Technical name” is `library_x` but the spec says `module\.name: "library_y"`/,
    );
  });
});
