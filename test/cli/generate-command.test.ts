import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.js';
import type { CliIo } from '../../cli/cli-io.js';

const root = join(import.meta.dirname, '..', '..');
const library = join(root, 'examples', 'library.yaml');

interface Captured {
  io: CliIo;
  out: () => string;
  err: () => string;
}

function capture(cwd: string): Captured {
  let out = '';
  let err = '';
  return {
    io: { out: (text) => (out += text), err: (text) => (err += text), isTty: false, cwd, env: {} },
    out: () => out,
    err: () => err,
  };
}

describe('odoo-forge generate', () => {
  let work: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'forge-cli-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('writes OUT/<module>/ with every generated file and lists them', async () => {
    const run = capture(work);
    const code = await main(['generate', library, '--out', 'addons'], run.io);
    assert.equal(code, 0, run.err());
    const addon = join(work, 'addons', 'library_loans');
    assert.ok(existsSync(join(addon, '__manifest__.py')));
    assert.ok(existsSync(join(addon, 'tests', 'test_library_book.py')));
    assert.match(run.out(), /^created .*library_loans\/ \(\d+ files\)/);
    assert.match(run.out(), /views\/library_book_views\.xml/);
    assert.deepEqual(
      readdirSync(join(work, 'addons')).filter((name) => name.startsWith('.')),
      [],
      'no staging folder is left behind',
    );
  });

  it('leaves an identical addon alone and says so', async () => {
    const run = capture(work);
    const code = await main(['generate', library, '--out', 'addons', '--json'], run.io);
    assert.equal(code, 0, run.err());
    const report = JSON.parse(run.out()) as { status: string; module: string; files: string[] };
    assert.equal(report.status, 'unchanged');
    assert.equal(report.module, 'library_loans');
    assert.ok(report.files.includes('__manifest__.py'));
  });

  it('refuses to replace a different addon without --force, and replaces it with --force', async () => {
    const manifest = join(work, 'addons', 'library_loans', '__manifest__.py');
    writeFileSync(manifest, '{"name": "edited by hand"}\n');
    const refused = capture(work);
    assert.equal(await main(['generate', library, '--out', 'addons'], refused.io), 2);
    assert.match(refused.err(), /already exists and holds a different addon/);
    assert.match(refused.err(), /--force/);
    assert.equal(readFileSync(manifest, 'utf8'), '{"name": "edited by hand"}\n', 'the hand edit is kept');

    const forced = capture(work);
    assert.equal(await main(['generate', library, '--out', 'addons', '--force'], forced.io), 0, forced.err());
    assert.match(forced.out(), /^replaced /);
    assert.match(readFileSync(manifest, 'utf8'), /"name": "Library Loans"/);
  });

  it('is deterministic: two runs write the same bytes', async () => {
    const again = mkdtempSync(join(tmpdir(), 'forge-cli-again-'));
    try {
      assert.equal(await main(['generate', library, '--out', again], capture(work).io), 0);
      const read = (dir: string) => readFileSync(join(dir, 'library_loans', 'models', 'library_book.py'), 'utf8');
      assert.equal(read(again), read(join(work, 'addons')));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('names a missing spec file and exits 2', async () => {
    const run = capture(work);
    assert.equal(await main(['generate', 'nope.yaml', '--out', 'x'], run.io), 2);
    assert.match(run.err(), /Cannot read the spec nope\.yaml: no such file/);
    assert.equal(existsSync(join(work, 'x')), false);
  });
});

describe('odoo-forge validate, schema, demo', () => {
  it('validate prints a one-line summary of a valid spec', async () => {
    const run = capture(root);
    assert.equal(await main(['validate', library], run.io), 0);
    assert.match(run.out(), /valid \(library_loans, Odoo 18\.0, 2 models\)/);
  });

  it('schema prints a JSON Schema that requires spec_version, odoo and module', async () => {
    const run = capture(root);
    assert.equal(await main(['schema'], run.io), 0);
    const schema = JSON.parse(run.out()) as { required?: string[]; properties?: Record<string, unknown> };
    assert.deepEqual([...(schema.required ?? [])].sort(), ['module', 'odoo', 'spec_version']);
    assert.ok(schema.properties && 'models' in schema.properties);
  });

  it('demo generates and checks the embedded example with no error', async () => {
    const work = mkdtempSync(join(tmpdir(), 'forge-demo-'));
    try {
      const run = capture(work);
      const code = await main(['demo', '--out', 'demo'], run.io);
      assert.equal(code, 0, run.err() + run.out());
      assert.ok(existsSync(join(work, 'demo', 'library_loans', '__manifest__.py')));
      assert.match(run.out(), /checked .*: 0 errors/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('an unknown command exits 2', async () => {
    assert.equal(await main(['frobnicate'], capture(root).io), 2);
  });
});
