import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { parse } from 'yaml';
import { moduleRequestLabels } from '../../core/issue-form/parse-issue-form.js';
import { OpenApiRoutes } from '../fakes/github/openapi-routes.js';
import { startHarness, type Harness } from './support/forge-harness.js';
import { WebhookPayloads } from './support/webhook-payloads.js';

const routes = OpenApiRoutes.load();
const payloads = new WebhookPayloads();
const issueForm = readFileSync(
  new URL('../../templates/ISSUE_TEMPLATE/module-request.yml', import.meta.url),
  'utf8',
);
const workflow = readFileSync(new URL('../../templates/workflows/odoo-forge.yml', import.meta.url), 'utf8');
/** The workflow text the pull request body shows in its ```yaml block. */
const workflowInBody = (body: string): string | undefined => /```yaml\n([\s\S]*?)\n```/.exec(body)?.[1];

describe('onboarding when the app is installed', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
    harness.fake.assertClean();
  });

  it('opens one PR adding the issue form and the commented config, and no workflow file; again → still one', async () => {
    harness = await startHarness({ routes, payloads });
    const payload = payloads.installationCreated([harness.repo], harness.repo.owner);

    await harness.deliver('installation', payload);
    await harness.settle();
    await harness.deliver('installation', payload);
    await harness.settle();

    assert.equal(harness.repo.pulls.size, 1);
    const pull = [...harness.repo.pulls.values()][0];
    assert.equal(pull?.head, 'forge/setup');
    const files = harness.fake.state.filesAt(harness.repo, 'forge/setup');
    assert.equal(files.get('.github/ISSUE_TEMPLATE/module-request.yml'), issueForm);
    assert.match(files.get('.github/odoo-forge.yml') ?? '', /^# Odoo Forge configuration/);
    assert.deepEqual(
      [...files.keys()].filter((p) => p.startsWith('.github/workflows')),
      [],
    );
    // The workflow it cannot write: its full text, and the one command that adds it.
    assert.equal(workflowInBody(pull?.body ?? ''), workflow.trimEnd());
    assert.match(pull?.body ?? '', /```sh\nnpx odoo-forge init\n```/);
    assert.match(pull?.body ?? '', /\.github\/workflows\/odoo-forge\.yml/);
  });

  it("shows the workflow with the repository's default branch as the push trigger", async () => {
    harness = await startHarness({ routes, payloads });
    const develop = harness.fake.state.addRepo(harness.repo.owner, 'develop-addons', {
      installationId: harness.repo.installationId,
      defaultBranch: 'develop',
    });

    await harness.deliver('installation_repositories', payloads.repositoriesAdded([develop], develop.owner));
    await harness.settle();

    const body = [...develop.pulls.values()][0]?.body ?? '';
    const shown = parse(workflowInBody(body) ?? '') as { on: { push: { branches: string[] } } };
    assert.deepEqual(shown.on.push.branches, ['develop']);
    assert.equal(workflowInBody(body), workflow.trimEnd().replace('branches: [main]', 'branches: [develop]'));
  });

  it('opens the PR on a repository added to an existing installation', async () => {
    harness = await startHarness({ routes, payloads });
    const second = harness.fake.state.addRepo(harness.repo.owner, 'more-addons', {
      installationId: harness.repo.installationId,
    });

    await harness.deliver('installation_repositories', payloads.repositoriesAdded([second], second.owner));
    await harness.settle();

    assert.equal(second.pulls.size, 1);
    assert.equal(harness.repo.pulls.size, 0);
    assert.ok(
      harness.fake.state.filesAt(second, 'forge/setup').has('.github/ISSUE_TEMPLATE/module-request.yml'),
    );
  });

  it('does nothing on a repository that already has the form', async () => {
    harness = await startHarness({
      routes,
      payloads,
      files: { '.github/ISSUE_TEMPLATE/module-request.yml': issueForm },
    });

    await harness.deliver('installation', payloads.installationCreated([harness.repo], harness.repo.owner));
    await harness.settle();

    assert.equal(harness.repo.pulls.size, 0);
  });
});

describe('templates/ISSUE_TEMPLATE/module-request.yml', () => {
  it('has the four fields in order, with the labels the parser reads', () => {
    const form = parse(issueForm) as {
      body: Array<{ type: string; attributes: { label?: string; options?: string[]; render?: string } }>;
    };
    const fields = form.body.filter((f) => f.type !== 'markdown');
    assert.deepEqual(
      fields.map((f) => [f.type, f.attributes.label]),
      [
        ['textarea', moduleRequestLabels.description],
        ['dropdown', moduleRequestLabels.odooVersion],
        ['input', moduleRequestLabels.technicalName],
        ['textarea', moduleRequestLabels.specYaml],
      ],
    );
    assert.deepEqual(fields[1]?.attributes.options, ['18.0', '17.0', '16.0']);
    assert.equal(fields[3]?.attributes.render, 'yaml');
  });
});
