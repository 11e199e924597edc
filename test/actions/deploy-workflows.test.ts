import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { parseFileCommand } from './support/workflow-commands.js';

// The deploy and backup workflows that `odoo-forge init` writes: valid for GitHub's own parser,
// least permissions, one deploy per environment, and the python step that picks each
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

/** Runs the python heredoc of a step's `run:` as the runner would, in a checkout holding `config`. */
function runPythonStep(step: Step | undefined, config: string | undefined, env: Record<string, string>) {
  const script = /python3 - <<'PY'\n([\s\S]*?)\nPY/.exec(step?.run ?? '')?.[1];
  assert.ok(script, 'the step runs a python3 heredoc');
  const dir = mkdtempSync(join(tmpdir(), 'forge-route-'));
  try {
    mkdirSync(join(dir, '.github'));
    if (config !== undefined) writeFileSync(join(dir, '.github', 'odoo-forge.yml'), config);
    const output = join(dir, 'output');
    writeFileSync(output, '');
    const ran = spawnSync('python3', ['-'], {
      input: script,
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, ...env },
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
    const step = workflow.jobs.route?.steps.find((s) => s.id === 'labels');
    const production = runPythonStep(step, CONFIG, { ENVIRONMENT: 'production' });
    assert.equal(production.status, 0, production.stdout);
    assert.deepEqual(JSON.parse(production.outputs['runs-on'] ?? ''), [
      'self-hosted',
      'linux',
      'odoo-production',
    ]);
    const unknown = runPythonStep(step, CONFIG, { ENVIRONMENT: 'qa' });
    assert.equal(unknown.status, 1);
    assert.match(
      unknown.stdout,
      /::error file=\.github\/odoo-forge\.yml::no environments\.qa\.runner_labels/,
    );
    const noConfig = runPythonStep(step, undefined, { ENVIRONMENT: 'staging' });
    assert.equal(noConfig.status, 1);
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
    const step = workflow.jobs.route?.steps.find((s) => s.id === 'environments');
    const all = runPythonStep(step, CONFIG, { ONLY: '' });
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
    const one = runPythonStep(step, CONFIG, { ONLY: 'staging' });
    assert.deepEqual(
      (JSON.parse(one.outputs.matrix ?? '') as { include: { environment: string }[] }).include.map(
        (e) => e.environment,
      ),
      ['staging'],
    );
    const none = runPythonStep(step, 'odoo: "18.0"\n', { ONLY: '' });
    assert.equal(none.status, 0);
    assert.deepEqual(JSON.parse(none.outputs.matrix ?? ''), { include: [] });
    assert.equal(runPythonStep(step, CONFIG, { ONLY: 'qa' }).status, 1);
  });
});
