import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { builtCli, repoRoot } from './built-cli.js';

const template = (path: string): string => readFileSync(join(repoRoot, 'templates', path), 'utf8');
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', ...args], {
    cwd,
    encoding: 'utf8',
  });

interface WorkflowShape {
  on: { push: { branches: string[] } };
  jobs: { tests: { 'runs-on': string | string[]; strategy: { matrix: { odoo: string[] } } } };
}

describe('odoo-forge init (built CLI)', () => {
  let work: string;
  let checkout: string;
  const workflowPath = (): string => join(checkout, '.github/workflows/odoo-forge.yml');
  const configPath = (): string => join(checkout, '.github/odoo-forge.yml');

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'forge-init-'));
    // A clone whose origin's default branch is "trunk": init names it as the push branch.
    const origin = join(work, 'origin');
    mkdirSync(origin);
    git(origin, 'init', '-q', '-b', 'trunk');
    writeFileSync(join(origin, 'README.md'), '# addons\n');
    git(origin, 'add', 'README.md');
    git(origin, 'commit', '-q', '-m', 'init');
    git(work, 'clone', '-q', origin, 'checkout');
    checkout = join(work, 'checkout');
    mkdirSync(join(checkout, 'addons'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it("writes the workflow (for origin's default branch), the issue form and the config at the checkout's top level", async () => {
    const result = await builtCli(['init'], join(checkout, 'addons'));

    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /created\s+\.github\/workflows\/odoo-forge\.yml/);
    assert.match(result.stdout, /docs\/runners\.md/);
    const workflow = readFileSync(workflowPath(), 'utf8');
    assert.equal(
      workflow,
      template('workflows/odoo-forge.yml').replace('branches: [main]', 'branches: [trunk]'),
    );
    const parsed = parseWorkflow({ name: 'odoo-forge.yml', content: workflow }, new NoOperationTraceWriter());
    assert.deepEqual(
      parsed.context.errors.getErrors().map((e) => e.message),
      [],
    );
    assert.equal(
      readFileSync(join(checkout, '.github/ISSUE_TEMPLATE/module-request.yml'), 'utf8'),
      template('ISSUE_TEMPLATE/module-request.yml'),
    );
    assert.equal(readFileSync(configPath(), 'utf8'), template('odoo-forge.yml'));
    for (const name of ['odoo-forge-deploy.yml', 'odoo-forge-backup.yml'])
      assert.equal(
        readFileSync(join(checkout, '.github/workflows', name), 'utf8'),
        template(`workflows/${name}`),
      );
    assert.equal(existsSync(join(checkout, 'addons', '.github')), false, 'not in the subfolder');
  });

  it('run again: every file unchanged', async () => {
    const result = await builtCli(['init', '--json'], checkout);

    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      root: string;
      files: Array<{ path: string; status: string }>;
    };
    assert.deepEqual(
      report.files.map((f) => f.status),
      ['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged'],
    );
  });

  it('refuses to overwrite a file the user changed, and writes nothing at all', async () => {
    writeFileSync(configPath(), 'odoo: "17.0"\n');
    unlinkSync(workflowPath());

    const result = await builtCli(['init'], checkout);

    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /\.github\/odoo-forge\.yml already exists .* with other contents; nothing was written/,
    );
    assert.match(result.stderr, /hint: Pass --force/);
    assert.equal(readFileSync(configPath(), 'utf8'), 'odoo: "17.0"\n');
    assert.equal(existsSync(workflowPath()), false, 'the refusal wrote no other file either');
  });

  it("--force replaces it; the series default to the config's odoo:, --odoo and --branch choose", async () => {
    const forced = await builtCli(['init', '--force', '--json'], checkout);
    assert.equal(forced.code, 0, forced.stderr);
    const statuses = (JSON.parse(forced.stdout) as { files: Array<{ path: string; status: string }> }).files;
    assert.deepEqual(
      statuses.map((f) => [f.path, f.status]),
      [
        ['.github/workflows/odoo-forge.yml', 'created'],
        ['.github/ISSUE_TEMPLATE/module-request.yml', 'unchanged'],
        ['.github/odoo-forge.yml', 'replaced'],
        ['.github/workflows/odoo-forge-deploy.yml', 'unchanged'],
        ['.github/workflows/odoo-forge-backup.yml', 'unchanged'],
      ],
    );
    assert.equal(readFileSync(configPath(), 'utf8'), template('odoo-forge.yml'));
    let shape = parse(readFileSync(workflowPath(), 'utf8')) as WorkflowShape;
    assert.deepEqual(shape.jobs.tests.strategy.matrix.odoo, ['17.0'], 'read from the config it replaced');

    const chosen = await builtCli(
      ['init', '--force', '--odoo', '16.0,18.0', '--branch', 'main, release', '--runs-on', 'odoo-forge-arc'],
      checkout,
    );
    assert.equal(chosen.code, 0, chosen.stderr);
    shape = parse(readFileSync(workflowPath(), 'utf8')) as WorkflowShape;
    assert.deepEqual(shape.jobs.tests.strategy.matrix.odoo, ['16.0', '18.0']);
    assert.deepEqual(shape.on.push.branches, ['main', 'release']);
    assert.equal(shape.jobs.tests['runs-on'], 'odoo-forge-arc', 'an ARC scale set, chosen by its name');
  });

  it('bad input: a series that is none, a folder outside any git checkout', async () => {
    const series = await builtCli(['init', '--force', '--odoo', '18'], checkout);
    assert.equal(series.code, 2);
    assert.match(series.stderr, /Odoo series "18" .* is not a series like 18\.0/);

    const plain = join(work, 'not-a-repo');
    mkdirSync(plain);
    const outside = await builtCli(['init', plain], work);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /not-a-repo is not inside a git checkout/);
    assert.equal(existsSync(join(plain, '.github')), false);
  });
});
