import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const run = promisify(execFile);
const setupDir = fileURLToPath(new URL('../../../runner/setup/', import.meta.url));
const script = join(setupDir, 'setup-forge-runner.sh');

async function setup(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('bash', [script, ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('runner/setup/setup-forge-runner.sh', () => {
  it('both scripts are valid bash', async () => {
    for (const file of ['setup-forge-runner.sh', 'forge-runner-loop.sh'])
      await run('bash', ['-n', join(setupDir, file)]);
  });

  it('--dry-run prints the whole plan, in order, and changes nothing on the host', async () => {
    const existedBefore = existsSync('/etc/odoo-forge');
    const result = await setup([
      '--dry-run',
      '--url',
      'https://github.com/acme/odoo-addons',
      '--series',
      '17.0,18.0',
      '--labels',
      'big',
    ]);

    assert.equal(result.code, 0, result.stderr);
    const steps = result.stdout.split('\n').filter((l) => l.startsWith('==> '));
    assert.deepEqual(
      steps.map((l) => l.slice(4).split(' ')[0]),
      ['host', 'packages', 'user', 'Node', 'GitHub', 'images', 'service', 'done:'],
    );
    assert.match(result.stdout, /labels self-hosted,linux,odoo-forge,big/);
    assert.match(result.stdout, /apt-get install .* podman /);
    assert.match(result.stdout, /podman pull -q docker\.io\/library\/odoo:17\.0/);
    assert.match(result.stdout, /podman pull -q docker\.io\/library\/odoo:18\.0/);
    // One warm-up per series: the template database of base, before the first job.
    assert.equal(result.stdout.match(/odoo-forge\.js test \S+warm-addon --odoo-image/g)?.length, 2);
    assert.match(result.stdout, /'version': '17\.0\.1\.0\.0'/);
    assert.match(result.stdout, /ExecStart=\/opt\/odoo-forge\/forge-runner-loop\.sh/);
    assert.match(result.stdout, /FORGE_RUNNER_LABELS=%s.*'self-hosted,linux,odoo-forge,big'/);
    assert.equal(existsSync('/etc/odoo-forge'), existedBefore, 'a dry run writes no configuration');
    assert.equal(existsSync('/etc/systemd/system/forge-runner.service'), false);
  });

  it('--engine docker installs Docker and points the jobs at its socket', async () => {
    const result = await setup([
      '--dry-run',
      '--url',
      'https://github.com/acme',
      '--engine',
      'docker',
      '--no-warm',
    ]);

    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /apt-get install .* docker\.io/);
    assert.match(result.stdout, /usermod -aG docker forge-runner/);
    assert.match(result.stdout, /DOCKER_HOST=%s.*'unix:\/\/\/var\/run\/docker\.sock'/);
    assert.doesNotMatch(result.stdout, /warm-addon/);
  });

  it('bad input exits 2 with what was wrong and what to do', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /--url \(missing\) is not a repository or organization URL[\s\S]*hint: give e\.g\. --url/],
      [
        ['--url', 'https://github.com/a/b', '--series', '15.0'],
        /--series: 15\.0 is not an Odoo series Forge supports/,
      ],
      [['--url', 'https://github.com/a/b', '--engine', 'lxc'], /--engine lxc is neither podman nor docker/],
      [['--url', 'https://github.com/a/b', '--frobnicate'], /unknown option --frobnicate/],
    ];
    for (const [args, message] of cases) {
      const result = await setup(['--dry-run', ...args]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
  });

  it('docs/runners/values.yaml: a scale set named odoo-forge, no Docker-in-Docker, the image entrypoint first', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const values = parse(readFileSync(join(root, 'docs/runners/values.yaml'), 'utf8')) as {
      runnerScaleSetName: string;
      containerMode?: unknown;
      template: {
        spec: {
          containers: Array<{ name: string; command: string[]; securityContext: Record<string, unknown> }>;
        };
      };
    };
    assert.equal(values.runnerScaleSetName, 'odoo-forge');
    assert.equal(values.containerMode, undefined, 'neither dind nor kubernetes mode');
    const runner = values.template.spec.containers.find((c) => c.name === 'runner');
    const containerfile = readFileSync(join(root, 'runner/images/forge-runner.Containerfile'), 'utf8');
    const entrypoint = /COPY forge-runner-entrypoint\.sh (\S+)/.exec(containerfile)?.[1];
    assert.deepEqual(runner?.command, [entrypoint, '/home/runner/run.sh']);
    assert.equal(runner?.securityContext.runAsUser, 1001);
    assert.equal(runner?.securityContext.allowPrivilegeEscalation, false);
  });
});
