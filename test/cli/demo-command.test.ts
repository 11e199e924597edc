// `odoo-forge demo` as a user runs it (the built CLI): an absolute --out works, and an edited addon
// in --out is refused exactly as `generate` refuses it (same message, --force to replace).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtCli, repoRoot } from './built-cli.js';

test('demo --out /absolute/path writes and checks the addon there', { timeout: 120_000 }, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'forge-demo-'));
  const elsewhere = mkdtempSync(join(tmpdir(), 'forge-demo-cwd-'));
  t.after(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });
  const out = join(work, 'abs', 'forge-demo');
  const ran = await builtCli(['demo', '--out', out], elsewhere);
  assert.equal(ran.code, 0, ran.stderr);
  const addon = join(out, 'library_loans');
  assert.ok(existsSync(join(addon, '__manifest__.py')));
  assert.ok(ran.stdout.includes(`2. checked   ${addon}: 0 errors`), ran.stdout);
  assert.match(ran.stdout, /3\. done/);

  // Odoo ran the addon and left Python's byte-code cache in it: still the same addon.
  mkdirSync(join(addon, 'models', '__pycache__'));
  writeFileSync(join(addon, 'models', '__pycache__', 'library_book.cpython-311.pyc'), 'bytecode');
  const again = await builtCli(['demo', '--out', out], elsewhere);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^unchanged /m, 'an identical addon is left alone');
});

test(
  'demo refuses to overwrite an edited addon as generate does; --force replaces it',
  { timeout: 120_000 },
  async (t) => {
    const work = mkdtempSync(join(tmpdir(), 'forge-demo-'));
    t.after(() => rmSync(work, { recursive: true, force: true }));
    assert.equal((await builtCli(['demo', '--out', 'forge-demo'], work)).code, 0);
    const manifest = join(work, 'forge-demo', 'library_loans', '__manifest__.py');
    writeFileSync(manifest, '{"name": "edited by hand"}\n');

    const demo = await builtCli(['demo', '--out', 'forge-demo'], work);
    assert.equal(demo.code, 2);
    assert.match(demo.stderr, /already exists and holds a different addon/);
    assert.match(demo.stderr, /--force/);
    assert.doesNotMatch(demo.stdout, /2\. checked/, 'nothing is checked after the refusal');
    assert.equal(readFileSync(manifest, 'utf8'), '{"name": "edited by hand"}\n', 'the edit is kept');

    const generate = await builtCli(
      ['generate', join(repoRoot, 'examples', 'library.yaml'), '--out', 'forge-demo'],
      work,
    );
    assert.equal(generate.code, 2);
    assert.equal(demo.stderr, generate.stderr, 'demo and generate refuse with the same message');

    const forced = await builtCli(['demo', '--out', 'forge-demo', '--force'], work);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /^replaced /m);
    assert.match(readFileSync(manifest, 'utf8'), /"name": "Library Loans"/);
  },
);
