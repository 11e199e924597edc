// Ctrl-C during a template build leaves nothing (issue 14, item 10): a real `odoo-forge test`
// process is interrupted while Odoo installs the template's modules (SIGINT: its teardown
// removes the stack before the half-built volume), or killed outright (SIGKILL: `stack reap`
// removes the unfinished template, never a complete one). Real Podman and Odoo 18.0; the tree
// is reached through a fresh symbolic link so the template key is new and a build really starts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { CliIo } from '../../../cli/cli-io.js';
import { main } from '../../../cli/main.js';
import type { ContainerDriver } from '../../../runner/containers/container-driver.js';
import { ForgeLabel, ownerLabel, stackLabels } from '../../../runner/containers/forge-labels.js';
import { defaultPostgresImage, defaultRuntimeImage } from '../../../runner/stack/stack-settings.js';
import { odooTreeOrSkip } from '../../support/odoo-trees.js';
import { addonsFolder } from '../helpers/addon-fixtures.js';
import { engineOrSkip } from '../helpers/engine.js';

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  template: string;
  repository: string;
}

/**
 * Starts `odoo-forge test` on a template nobody built (a new link to the tree), waits until
 * Odoo runs in the build's container, then sends `signal`; resolves once the process is gone.
 */
async function interruptTemplateBuild(
  t: TestContext,
  driver: ContainerDriver,
  treeRoot: string,
  signal: NodeJS.Signals,
): Promise<Interrupted> {
  const dir = addonsFolder(t, 'forge-interrupt-');
  cpSync(new URL('../../fixtures/addons/forge_shelf', import.meta.url).pathname, join(dir, 'forge_shelf'), {
    recursive: true,
  });
  const links = mkdtempSync(join(tmpdir(), 'forge-interrupt-tree-'));
  t.after(() => rmSync(links, { recursive: true, force: true }));
  const odooSrc = join(links, 'odoo');
  symlinkSync(treeRoot, odooSrc);
  const repository = `forge/interrupt-${signal.toLowerCase()}-${process.pid}`;
  const cli = new URL('../helpers/odoo-forge-cli.ts', import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      cli,
      'test',
      dir,
      '--modules',
      'forge_shelf',
      '--odoo-src',
      odooSrc,
      '--repository',
      repository,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  t.after(() => void child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, sig) => resolve({ code, signal: sig })),
  );
  let template = '';
  let running = false;
  for (let i = 0; i < 600 && !running; i++) {
    template = /building template (forge-tpl-\S+)/.exec(stderr)?.[1] ?? '';
    running =
      template !== '' &&
      (await driver.listContainers({ [ForgeLabel.repository]: repository })).some(
        (c) => c.name.endsWith('-run') && c.state === 'running',
      );
    if (!running) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.ok(running, `Odoo runs in the template build's container:\n${stderr}`);
  // Odoo is installing into the template volume now (a few seconds in, well before it is done).
  await new Promise((resolve) => setTimeout(resolve, 3000));
  child.kill(signal);
  const { code, signal: by } = await exited;
  return { code, signal: by, stderr, template, repository };
}

async function leftovers(driver: ContainerDriver, run: Interrupted): Promise<string[]> {
  const labelled = { [ForgeLabel.repository]: run.repository };
  const [containers, networks, volumes, lock, template, marker] = await Promise.all([
    driver.listContainers(labelled),
    driver.listNetworks(labelled),
    driver.listVolumes(labelled),
    driver.inspectContainer(`${run.template}-lock`),
    driver.inspectVolume(run.template),
    driver.inspectVolume(`${run.template}-ready`),
  ]);
  return [
    ...containers.map((c) => `container ${c.name}`),
    ...networks.map((n) => `network ${n.name}`),
    ...volumes.map((v) => `volume ${v.name}`),
    ...(lock ? [`lock ${lock.name}`] : []),
    ...(template ? [`template ${template.name}`] : []),
    ...(marker ? [`marker ${marker.name}`] : []),
  ];
}

async function setUp(t: TestContext): Promise<{ driver: ContainerDriver; root: string } | undefined> {
  const tree = odooTreeOrSkip(t, '18.0', 'interrupting a template build (real Odoo)');
  if (!tree) return undefined;
  const driver = await engineOrSkip(t, [
    defaultPostgresImage(process.env),
    defaultRuntimeImage('18.0', process.env),
  ]);
  return driver ? { driver, root: tree.root } : undefined;
}

test(
  'SIGINT during a template build: exit 130, no container, network, volume, lock or template left',
  { timeout: 10 * 60_000 },
  async (t) => {
    const env = await setUp(t);
    if (!env) return;

    const run = await interruptTemplateBuild(t, env.driver, env.root, 'SIGINT');

    assert.equal(run.code, 130, run.stderr);
    assert.doesNotMatch(run.stderr, /clean-up failed/);
    assert.deepEqual(await leftovers(env.driver, run), []);
  },
);

test(
  'SIGKILL during a template build: stack reap removes the unfinished template and the stack, never a complete template',
  { timeout: 10 * 60_000 },
  async (t) => {
    const env = await setUp(t);
    if (!env) return;
    const { driver } = env;
    // A complete template of its own (volume plus ready marker) that reap must leave alone.
    const complete = `forge-tpl-18.0-reaptest${process.pid}`;
    await driver.createVolume({
      name: complete,
      labels: { [ForgeLabel.template]: `reaptest${process.pid}` },
    });
    await driver.createVolume({
      name: `${complete}-ready`,
      labels: { [ForgeLabel.template]: `reaptest${process.pid}`, 'forge.template.ready': '1' },
    });
    t.after(async () => {
      await driver.removeVolume(`${complete}-ready`);
      await driver.removeVolume(complete);
    });

    // One being built by a live process (its lock container exists): reap must leave it too.
    const building = `forge-tpl-18.0-reapbuilding${process.pid}`;
    await driver.createVolume({
      name: building,
      labels: { [ForgeLabel.template]: `reapbuilding${process.pid}` },
    });
    await driver.createContainer({
      name: `${building}-lock`,
      image: defaultPostgresImage(process.env),
      cmd: ['true'],
      labels: stackLabels(
        { stackId: `${building}-lock`, owner: ownerLabel(), expiresAt: Math.floor(Date.now() / 1000) + 600 },
        'template-lock',
      ),
    });
    t.after(async () => {
      await driver.removeContainer(`${building}-lock`);
      await driver.removeVolume(building);
    });

    const run = await interruptTemplateBuild(t, driver, env.root, 'SIGKILL');
    const left = await leftovers(driver, run);
    let out = '';
    const io: CliIo = {
      out: (s) => (out += s),
      err: () => {},
      isTty: false,
      cwd: process.cwd(),
      env: process.env,
    };
    const reapCode = await main(['stack', 'reap'], io);

    assert.equal(run.signal, 'SIGKILL');
    assert.ok(
      left.includes(`template ${run.template}`),
      `the kill left the half-built template: ${left.join(', ')}`,
    );
    assert.equal(reapCode, 0, out);
    assert.match(out, new RegExp(`removed unfinished template volume ${run.template}\\n`));
    assert.deepEqual(await leftovers(driver, run), []);
    assert.ok(await driver.inspectVolume(complete), 'a complete template stays');
    assert.ok(await driver.inspectVolume(`${complete}-ready`), 'its ready marker stays');
    assert.ok(await driver.inspectVolume(building), 'a template another live process builds stays');
  },
);
