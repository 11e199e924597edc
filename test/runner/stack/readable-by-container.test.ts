// The stack refuses, before starting anything, mounts that Odoo's container user (uid 101)
// could not read: the path, its mode and the fix are in the error.
import assert from 'node:assert/strict';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { CliIo } from '../../../cli/cli-io.js';
import { main } from '../../../cli/main.js';
import { ForgeError } from '../../../core/errors/forge-error.js';
import {
  assertReadableByContainer,
  firstUnreadable,
  ODOO_CONTAINER_UID,
} from '../../../runner/stack/assert-readable-by-container.js';
import type { StackSettings } from '../../../runner/stack/stack-settings.js';

const fixture = new URL('../../fixtures/addons/forge_shelf', import.meta.url).pathname;

/** An addons folder holding the fixture addon with ordinary modes (755 folders, 644 files). */
function addonsFolder(t: TestContext): string {
  const root = mkdtempSync(join(tmpdir(), 'forge-readable-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const addons = join(root, 'addons');
  cpSync(fixture, join(addons, 'forge_shelf'), { recursive: true });
  const fix = (dir: string): void => {
    chmodSync(dir, 0o755);
  };
  fix(addons);
  fix(join(addons, 'forge_shelf'));
  return addons;
}

function settingsFor(addons: string, sourceDir?: string): StackSettings {
  return {
    odooSeries: '18.0',
    odoo: sourceDir
      ? { kind: 'source', runtimeImage: 'localhost/forge-odoo-runtime:18.0', sourceDir }
      : { kind: 'image', image: 'odoo:18.0' },
    postgresImage: 'localhost/forge-postgres:15',
    addonsDirs: [addons],
    ttlSeconds: 600,
  };
}

function thrown(fn: () => void): ForgeError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ForgeError, String(error));
    return error;
  }
  assert.fail('expected a ForgeError');
}

test('an addons folder with ordinary modes passes', (t) => {
  const addons = addonsFolder(t);
  chmodSync(join(addons, 'forge_shelf', '__manifest__.py'), 0o644);

  assert.equal(firstUnreadable(addons, ODOO_CONTAINER_UID), undefined);
  assertReadableByContainer(settingsFor(addons));
});

test('a 0700 addon folder (as mkdtemp leaves it) is refused with its path, mode and the chmod fix', (t) => {
  const addons = addonsFolder(t);
  const addon = join(addons, 'forge_shelf');
  chmodSync(addon, 0o700);

  const error = thrown(() => assertReadableByContainer(settingsFor(addons)));

  assert.equal(error.code, 'input.mount-unreadable');
  assert.match(error.message, new RegExp(`^${addon} \\(inside the addons folder ${addons}\\) has mode 0700`));
  assert.match(error.message, /uid 101/);
  assert.equal(error.hint, `Make it readable for other users: chmod -R a+rX ${addons}`);
});

test('a file without read bits for others is refused, and so is the addons folder itself', (t) => {
  const addons = addonsFolder(t);
  const manifest = join(addons, 'forge_shelf', '__manifest__.py');
  chmodSync(manifest, 0o600);
  assert.deepEqual(firstUnreadable(addons, ODOO_CONTAINER_UID), {
    path: manifest,
    mode: '0600',
    kind: 'file',
  });

  chmodSync(manifest, 0o644);
  chmodSync(addons, 0o711);
  assert.deepEqual(firstUnreadable(addons, ODOO_CONTAINER_UID), {
    path: addons,
    mode: '0711',
    kind: 'folder',
  });
});

test('owner bits count when uid 101 owns the path; root reads everything', (t) => {
  const addons = addonsFolder(t);
  const addon = join(addons, 'forge_shelf');
  chmodSync(addon, 0o700);
  if (process.getuid?.() !== 0) {
    t.skip('chown to uid 101 needs root');
    return;
  }
  chownSync(addon, ODOO_CONTAINER_UID, ODOO_CONTAINER_UID);

  assert.equal(firstUnreadable(addons, ODOO_CONTAINER_UID), undefined);
  assert.equal(firstUnreadable(addons, 0), undefined);
});

test('an unreadable Odoo source tree (--odoo-src) is refused too', (t) => {
  const addons = addonsFolder(t);
  const src = mkdtempSync(join(tmpdir(), 'forge-readable-src-'));
  t.after(() => rmSync(src, { recursive: true, force: true }));
  mkdirSync(join(src, 'odoo', 'addons', 'base'), { recursive: true });
  writeFileSync(join(src, 'odoo', 'addons', 'base', '__manifest__.py'), "{'name': 'Base'}\n");
  chmodSync(src, 0o755);
  chmodSync(join(src, 'odoo'), 0o750);

  const error = thrown(() => assertReadableByContainer(settingsFor(addons, src)));

  assert.match(error.message, /inside the Odoo source tree/);
  assert.match(error.message, /has mode 0750/);
});

test('odoo-forge test stops on an unreadable addon before it looks for a container engine (exit 2)', async (t) => {
  const addons = addonsFolder(t);
  chmodSync(join(addons, 'forge_shelf'), 0o700);
  let err = '';
  const io: CliIo = { out: () => {}, err: (s) => (err += s), isTty: false, cwd: process.cwd(), env: {} };

  const code = await main(
    [
      'test',
      addons,
      '--modules',
      'forge_shelf',
      '--odoo-image',
      'odoo:18.0',
      '--engine',
      'unix:///nonexistent/forge.sock',
    ],
    io,
  );

  assert.equal(code, 2, err);
  assert.match(err, /forge_shelf \(inside the addons folder .*\) has mode 0700/);
  assert.match(err, /hint: Make it readable for other users: chmod -R a\+rX /);
  assert.doesNotMatch(err, /container engine/i);
});
