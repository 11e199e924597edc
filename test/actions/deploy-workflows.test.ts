import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { parseFileCommand } from './support/workflow-commands.js';

// The deploy and backup workflows that `odoo-forge init` writes: valid for GitHub's own parser,
// least permissions, one deploy per environment, and the node step that picks each
// environment's runner from .github/odoo-forge.yml run for real on a config.

const repoRoot = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, repoRoot), 'utf8');

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  name?: string;
  needs?: string;
  'runs-on': string | string[];
  environment?: string;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  strategy?: { matrix?: unknown };
  outputs?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

function schemaErrors(name: string, content: string): string[] {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((e) => e.message);
}

// One folder for every routing step run (as RUNNER_TEMP): the first run installs yaml@2 from npm
// exactly as the step does on a hosted runner, the others find it there.
const runnerTemp = mkdtempSync(join(tmpdir(), 'forge-runner-temp-'));
after(() => rmSync(runnerTemp, { recursive: true, force: true }));

/**
 * Runs a step's whole `run:` script with bash as the runner would (the npm install of the YAML
 * parser, then the node heredoc), in a checkout holding `config` (none when undefined).
 */
function runRouteStep(step: Step | undefined, config: string | undefined, env: Record<string, string>) {
  assert.ok(step?.run, 'the step has a run script');
  assert.doesNotMatch(step.run, /python/, 'no python: hosted images are not promised PyYAML');
  const dir = mkdtempSync(join(tmpdir(), 'forge-route-'));
  try {
    mkdirSync(join(dir, '.github'));
    if (config !== undefined) writeFileSync(join(dir, '.github', 'odoo-forge.yml'), config);
    const output = join(dir, 'output');
    writeFileSync(output, '');
    // The runner's environment, without what `npm test` adds for its own scripts.
    const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    const ran = spawnSync('bash', ['-e', '-c', step.run], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 180_000,
      env: { ...base, RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: output, ...env },
    });
    return {
      status: ran.status,
      stdout: ran.stdout + ran.stderr,
      outputs: parseFileCommand(readFileSync(output, 'utf8')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The route job sets up its own node before the routing step. */
function assertSetsUpNode(job: Job | undefined, stepId: string): void {
  const steps = job?.steps ?? [];
  const setup = steps.findIndex((s) => s.uses?.startsWith('actions/setup-node@'));
  assert.ok(setup >= 0, 'actions/setup-node in the route job');
  assert.ok(setup < steps.findIndex((s) => s.id === stepId), 'before the routing step');
  assert.ok(steps[setup]?.with?.['node-version'], 'a pinned node version');
}

const CONFIG = `environments:
  staging:
    branch: staging
    runner_labels: [self-hosted, odoo-staging]
    odoo: "18.0"
    backup: { bucket: acme-staging, endpoint: 'https://s3.example.com' }
  production:
    branch: main
    runner_labels: [self-hosted, linux, odoo-production]
    odoo: "18.0"
    backup: { bucket: acme-production }
`;

describe('templates/workflows/odoo-forge-deploy.yml', () => {
  const text = read('templates/workflows/odoo-forge-deploy.yml');
  const workflow = parse(text) as Workflow;

  it("is valid for GitHub's parser, runs on deployment only, with contents read and deployments write", () => {
    assert.deepEqual(schemaErrors('odoo-forge-deploy.yml', text), []);
    assert.deepEqual(Object.keys(workflow.on), ['deployment']);
    assert.deepEqual(workflow.permissions, { contents: 'read', deployments: 'write' });
  });

  it('runs one deploy per environment and never cancels a running one', () => {
    assert.equal(workflow.concurrency?.group, 'odoo-forge-deploy-${{ github.event.deployment.environment }}');
    assert.equal(workflow.concurrency?.['cancel-in-progress'], false);
  });

  it("holds the deploy job in the deployment's environment, on that environment's runner, at the deployed commit", () => {
    const deploy = workflow.jobs.deploy;
    assert.ok(deploy);
    assert.equal(deploy.environment, '${{ github.event.deployment.environment }}');
    assert.equal(deploy.needs, 'route');
    assert.equal(deploy['runs-on'], '${{ fromJSON(needs.route.outputs.runs-on) }}');
    const [checkout, action] = deploy.steps;
    assert.equal(checkout?.with?.ref, '${{ github.event.deployment.sha }}');
    assert.equal(action?.uses, 'odoo-forge/odoo-forge/actions/deploy@v1');
    const declared = Object.keys((parse(read('actions/deploy/action.yml')) as { inputs: object }).inputs);
    assert.deepEqual(
      Object.keys(action?.with ?? {}).filter((name) => !declared.includes(name)),
      [],
      `inputs of actions/deploy: ${declared.join(', ')}`,
    );
  });

  it("finds the runner labels of the deployment's environment in the config, and names a missing one", () => {
    assertSetsUpNode(workflow.jobs.route, 'labels');
    const step = workflow.jobs.route?.steps.find((s) => s.id === 'labels');
    const production = runRouteStep(step, CONFIG, { ENVIRONMENT: 'production' });
    assert.equal(production.status, 0, production.stdout);
    assert.deepEqual(JSON.parse(production.outputs['runs-on'] ?? ''), [
      'self-hosted',
      'linux',
      'odoo-production',
    ]);
    assert.match(production.stdout, /production runs on \["self-hosted","linux","odoo-production"\]/);
    const unknown = runRouteStep(step, CONFIG, { ENVIRONMENT: 'qa' });
    assert.equal(unknown.status, 1);
    assert.match(
      unknown.stdout,
      /::error file=\.github\/odoo-forge\.yml::no environments\.qa\.runner_labels/,
    );
    assert.equal(unknown.outputs['runs-on'], undefined);
    const noConfig = runRouteStep(step, undefined, { ENVIRONMENT: 'staging' });
    assert.equal(noConfig.status, 1);
    assert.match(noConfig.stdout, /no environments\.staging\.runner_labels/);
    const broken = runRouteStep(step, 'environments: [staging\n', { ENVIRONMENT: 'staging' });
    assert.equal(broken.status, 1);
    assert.match(
      broken.stdout,
      /::error file=\.github\/odoo-forge\.yml::\.github\/odoo-forge\.yml is not valid YAML/,
    );
    const inherited = runRouteStep(step, CONFIG, { ENVIRONMENT: 'constructor' });
    assert.equal(inherited.status, 1, 'a name of an object property is no environment');
  });
});

describe('templates/workflows/odoo-forge-backup.yml', () => {
  const text = read('templates/workflows/odoo-forge-backup.yml');
  const workflow = parse(text) as Workflow;

  it("is valid for GitHub's parser, daily and on demand, reading the code only", () => {
    assert.deepEqual(schemaErrors('odoo-forge-backup.yml', text), []);
    assert.deepEqual(Object.keys(workflow.on).sort(), ['schedule', 'workflow_dispatch']);
    assert.deepEqual(workflow.permissions, { contents: 'read' });
  });

  it('backs each environment up on its own runner, never beside a deploy of it, with the drill and retention', () => {
    const backup = workflow.jobs.backup;
    assert.ok(backup);
    assert.equal(backup['runs-on'], '${{ matrix.runs-on }}');
    assert.equal(backup.concurrency?.group, 'odoo-forge-deploy-${{ matrix.environment }}');
    assert.equal(backup.concurrency?.['cancel-in-progress'], false);
    const step = backup.steps.at(-1);
    assert.match(
      step?.run ?? '',
      /odoo-forge backup create forge --reason daily --db-port "\$port" --data-dir "\$data"/,
    );
    assert.doesNotMatch(step?.run ?? '', /--no-drill|--no-retention/);
    assert.equal(step?.env?.NAME, '${{ matrix.environment }}');
  });

  it('makes one matrix entry per environment of the config, or only the one asked for', () => {
    assertSetsUpNode(workflow.jobs.route, 'environments');
    const step = workflow.jobs.route?.steps.find((s) => s.id === 'environments');
    const all = runRouteStep(step, CONFIG, { ONLY: '' });
    assert.equal(all.status, 0, all.stdout);
    assert.deepEqual(JSON.parse(all.outputs.matrix ?? ''), {
      include: [
        {
          environment: 'production',
          'runs-on': ['self-hosted', 'linux', 'odoo-production'],
          bucket: 'acme-production',
          prefix: 'production/',
          endpoint: '',
          region: '',
        },
        {
          environment: 'staging',
          'runs-on': ['self-hosted', 'odoo-staging'],
          bucket: 'acme-staging',
          prefix: 'staging/',
          endpoint: 'https://s3.example.com',
          region: '',
        },
      ],
    });
    const one = runRouteStep(step, CONFIG, { ONLY: 'staging' });
    assert.deepEqual(
      (JSON.parse(one.outputs.matrix ?? '') as { include: { environment: string }[] }).include.map(
        (e) => e.environment,
      ),
      ['staging'],
    );
    const none = runRouteStep(step, 'odoo: "18.0"\n', { ONLY: '' });
    assert.equal(none.status, 0);
    assert.deepEqual(JSON.parse(none.outputs.matrix ?? ''), { include: [] });
    assert.match(
      none.stdout,
      /::notice file=\.github\/odoo-forge\.yml::.*has no environments: nothing to back up/,
    );
    const qa = runRouteStep(step, CONFIG, { ONLY: 'qa' });
    assert.equal(qa.status, 1);
    assert.match(qa.stdout, /::error file=\.github\/odoo-forge\.yml::no environments\.qa\.runner_labels/);
    const noConfig = runRouteStep(step, undefined, { ONLY: '' });
    assert.equal(noConfig.status, 0);
    assert.deepEqual(JSON.parse(noConfig.outputs.matrix ?? ''), { include: [] });
  });
});
