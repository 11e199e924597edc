import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';

const repoRoot = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, repoRoot), 'utf8');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  name?: string;
  'runs-on': string | string[];
  steps: Step[];
  strategy?: { matrix?: Record<string, unknown> };
  container?: unknown;
}
interface Workflow {
  name: string;
  on: Record<string, { branches?: string[] } | null>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': string | boolean };
  jobs: Record<string, Job>;
}

/** Errors of GitHub's own workflow parser and schema (@actions/workflow-parser, as in VS Code). */
function schemaErrors(name: string, content: string): string[] {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((e) => e.message);
}

describe('templates/workflows/odoo-forge.yml', () => {
  const text = read('templates/workflows/odoo-forge.yml');
  const workflow = parse(text) as Workflow;

  it("is a valid workflow for GitHub's parser, and the parser does catch a broken copy", () => {
    assert.deepEqual(schemaErrors('odoo-forge.yml', text), []);
    const broken = text
      .replace('checks: write', 'checks: wrote')
      .replace('runs-on: ubuntu-latest', 'runs_on: x');
    const errors = schemaErrors('odoo-forge.yml', broken);
    assert.ok(errors.length >= 2, `expected errors for the broken copy, got ${JSON.stringify(errors)}`);
  });

  it('runs on pull requests and on pushes to the listed branches, one run per pull request', () => {
    assert.equal(workflow.name, 'Odoo Forge');
    assert.deepEqual(Object.keys(workflow.on).sort(), ['pull_request', 'push']);
    assert.deepEqual(workflow.on.push?.branches, ['main']);
    assert.match(workflow.concurrency.group, /github\.event\.pull_request\.number \|\| github\.ref/);
    assert.match(String(workflow.concurrency['cancel-in-progress']), /github\.event_name == 'pull_request'/);
  });

  it('asks for the least permissions: read code, write checks, read pull requests; nothing else', () => {
    assert.deepEqual(workflow.permissions, { contents: 'read', checks: 'write', 'pull-requests': 'read' });
  });

  it('lints on a hosted runner and tests on a Forge runner, one job per series, with Forge actions', () => {
    const { lint, tests } = workflow.jobs;
    assert.ok(lint && tests);
    assert.equal(lint['runs-on'], 'ubuntu-latest');
    assert.deepEqual(tests['runs-on'], ['self-hosted', 'linux', 'odoo-forge']);
    assert.equal(tests.name, 'tests (${{ matrix.odoo }})');
    assert.deepEqual(tests.strategy?.matrix?.odoo, ['18.0']);
    const uses = (job: Job): string[] =>
      job.steps.flatMap((s) => (s.uses ? [s.uses.replace(/@.*/, '')] : []));
    assert.deepEqual(uses(lint), [
      'actions/create-github-app-token',
      'actions/checkout',
      'odoo-forge/odoo-forge/actions/check',
    ]);
    assert.deepEqual(uses(tests), [
      'actions/create-github-app-token',
      'actions/checkout',
      'odoo-forge/odoo-forge/actions/test',
    ]);
    for (const job of [lint, tests]) {
      const token = job.steps.find((s) => s.uses?.startsWith('actions/create-github-app-token'));
      assert.equal(token?.if, "${{ vars.ODOO_FORGE_CLIENT_ID != '' }}", 'the app token is optional');
      const forge = job.steps.at(-1);
      assert.equal(forge?.with?.['github-token'], '${{ steps.app-token.outputs.token || github.token }}');
      assert.equal(forge?.uses?.endsWith('@v1'), true);
    }
  });

  for (const action of ['check', 'test']) {
    it(`passes actions/${action} only inputs its action.yml declares`, (t) => {
      const actionFile = new URL(`actions/${action}/action.yml`, repoRoot);
      if (!existsSync(actionFile)) {
        t.skip(`actions/${action}/action.yml is not committed yet`);
        return;
      }
      const declared = Object.keys(
        (parse(readFileSync(actionFile, 'utf8')) as { inputs?: Record<string, unknown> }).inputs ?? {},
      );
      const step = Object.values(workflow.jobs)
        .flatMap((j) => j.steps)
        .find((s) => s.uses?.includes(`/actions/${action}@`));
      const passed = Object.keys(step?.with ?? {});
      assert.ok(passed.length > 0);
      assert.deepEqual(
        passed.filter((name) => !declared.includes(name)),
        [],
        `inputs of actions/${action}: ${declared.join(', ')}`,
      );
    });
  }
});

describe('.github/workflows/ci.yml', () => {
  const text = read('.github/workflows/ci.yml');
  const workflow = parse(text) as Workflow;
  const runs = (job: Job | undefined): string =>
    (job?.steps ?? []).flatMap((s) => (s.run ? [s.run] : [])).join('\n');

  it("is a valid workflow for GitHub's parser, with read-only permissions", () => {
    assert.deepEqual(schemaErrors('ci.yml', text), []);
    assert.deepEqual(workflow.permissions, { contents: 'read' });
  });

  it('builds, type-checks, lints, tests, and fails on a stale action bundle', () => {
    const checks = runs(workflow.jobs.checks);
    for (const command of ['npm ci', 'npm run build', 'npm run typecheck', 'npm run lint', 'npm test'])
      assert.ok(checks.includes(command), `checks runs ${command}`);
    const bundle = runs(workflow.jobs.bundle);
    assert.ok(
      bundle.indexOf('npm run bundle') < bundle.indexOf("git diff --exit-code --stat -- 'actions/*/dist'"),
    );
    assert.ok(bundle.includes('npm run bundle'));
  });

  it('runs .ci/run on Debian 12 with the three Odoo trees beside the clone', () => {
    const full = workflow.jobs.full;
    assert.match(runs(full), /bash forge\/\.ci\/run/);
    const trees = (full?.steps ?? []).flatMap((s) =>
      s.with?.repository === 'odoo/odoo' ? [s.with.path] : [],
    );
    assert.deepEqual(trees, ['shared/odoo/16.0', 'shared/odoo/17.0', 'shared/odoo/18.0']);
    assert.deepEqual(full?.container, { image: 'debian:12', options: '--privileged' });
  });
});
