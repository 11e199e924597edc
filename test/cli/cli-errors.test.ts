// Errors of the built CLI: bad input exits 2 with a message and no stack trace, and under --json
// (or --format json) the error is one JSON object on stdout, with the same exit code.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { JsonError } from '../../cli/cli-io.js';
import { builtCli, repoRoot } from './built-cli.js';

const library = join(repoRoot, 'examples', 'library.yaml');

function jsonError(stdout: string): JsonError['error'] {
  const parsed = JSON.parse(stdout) as JsonError;
  assert.equal(typeof parsed.error.code, 'string');
  assert.equal(typeof parsed.error.message, 'string');
  return parsed.error;
}

test('generate --out <an existing file>: exit 2, a message naming the file, no stack trace', async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'forge-cli-errors-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  writeFileSync(join(work, 'notes.txt'), 'not a folder\n');
  const ran = await builtCli(['generate', library, '--out', 'notes.txt'], work);
  assert.equal(ran.code, 2, ran.stderr);
  assert.match(ran.stderr, /--out .*notes\.txt is not a folder/);
  assert.doesNotMatch(ran.stderr, /internal error|ENOTDIR|\n\s+at /);
  assert.equal(readFileSync(join(work, 'notes.txt'), 'utf8'), 'not a folder\n', 'the file is left alone');

  const json = await builtCli(['generate', library, '--out', 'notes.txt/sub', '--json'], work);
  assert.equal(json.code, 2);
  assert.equal(jsonError(json.stdout).code, 'input.out-not-folder');
});

test('--json errors are a JSON object on stdout, with the exit code of the error', async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'forge-cli-errors-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));

  const missing = await builtCli(['validate', 'no-such-spec.yaml', '--json'], work);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, '');
  const unreadable = jsonError(missing.stdout);
  assert.equal(unreadable.code, 'input.spec-unreadable');
  assert.match(unreadable.message, /no-such-spec\.yaml/);
  assert.match(unreadable.hint ?? '', /ModuleSpec/);

  assert.equal((await builtCli(['generate', library, '--out', 'addons'], work)).code, 0);
  writeFileSync(join(work, 'addons', 'library_loans', '__manifest__.py'), '{"name": "edited"}\n');
  const exists = await builtCli(['generate', library, '--out', 'addons', '--json'], work);
  assert.equal(exists.code, 2);
  const different = jsonError(exists.stdout);
  assert.equal(different.code, 'input.addon-exists');
  assert.match(different.hint ?? '', /--force/);

  writeFileSync(join(work, 'bad.yaml'), 'odoo: "18.0"\nmodule: {name: Bad Name}\n');
  const badSpec = await builtCli(['generate', 'bad.yaml', '--out', 'addons', '--json'], work);
  assert.equal(badSpec.code, 2);
  const invalid = jsonError(badSpec.stdout);
  assert.equal(invalid.code, 'input.spec-invalid');
  assert.match(invalid.message, /bad\.yaml:\d+:\d+: module/);

  const format = await builtCli(['check', 'no-such-folder', '--format', 'json'], work);
  assert.equal(format.code, 2);
  assert.equal(jsonError(format.stdout).code, 'input.path-missing');

  const usage = await builtCli(['validate', 'bad.yaml', '--json', '--no-such-flag'], work);
  assert.equal(usage.code, 2);
  assert.equal(jsonError(usage.stdout).code, 'input.usage');
  assert.match(jsonError(usage.stdout).message, /no-such-flag/);
});
