// `odoo-forge check` as a user runs it (the built CLI, in a git repository): addons of one name in
// several folders are each checked on their own, finding paths are relative to the repository
// (or --root) in every format, and a mistyped --addons-path folder is refused like `deps` does.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixturesRoot, stubAddonsPath } from '../checker/fixture-table.js';
import { builtCli } from './built-cli.js';

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  severity: string;
}

/**
 * A git repository with addons/{lib,broken,third}/forge_clean: the clean fixture, one copy with a
 * Python syntax error, one with an XML file that does not parse.
 */
function repository(): string {
  const repo = mkdtempSync(join(tmpdir(), 'forge-check-repo-'));
  execFileSync('git', ['init', '-q', repo]);
  for (const folder of ['lib', 'broken', 'third']) {
    mkdirSync(join(repo, 'addons', folder), { recursive: true });
    cpSync(join(fixturesRoot, 'clean', 'forge_clean'), join(repo, 'addons', folder, 'forge_clean'), {
      recursive: true,
    });
  }
  const model = join(repo, 'addons', 'broken', 'forge_clean', 'models', 'forge_item.py');
  writeFileSync(
    model,
    readFileSync(model, 'utf8').replace('def action_done(self):', 'def action_done(self)'),
  );
  writeFileSync(
    join(repo, 'addons', 'third', 'forge_clean', 'views', 'menus.xml'),
    '<odoo><menuitem id="x">\n',
  );
  return repo;
}

const json = (stdout: string): JsonFinding[] => JSON.parse(stdout) as JsonFinding[];
const errors = (findings: JsonFinding[]): string[] =>
  findings.filter((f) => f.severity === 'error').map((f) => `${f.file} ${f.rule}`);

test('check A B with addons of one name: each folder is checked on its own, each finding once', async (t) => {
  const repo = repository();
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  const path = ['--addons-path', stubAddonsPath];
  const syntax = 'addons/broken/forge_clean/models/forge_item.py python-syntax-error';
  const xml = 'addons/third/forge_clean/views/menus.xml xml-not-well-formed';

  for (const order of [
    ['addons/broken', 'addons/lib'],
    ['addons/lib', 'addons/broken'],
  ]) {
    const ran = await builtCli(['check', ...order, ...path, '--format', 'json'], repo);
    assert.equal(ran.code, 1, `${order.join(' ')}: ${ran.stderr}`);
    assert.deepEqual(errors(json(ran.stdout)), [syntax], order.join(' '));
  }
  const three = await builtCli(
    ['check', 'addons/lib', 'addons/third', 'addons/broken', ...path, '--format', 'json'],
    repo,
  );
  assert.equal(three.code, 1, three.stderr);
  assert.deepEqual(errors(json(three.stdout)).sort(), [syntax, xml].sort());

  const twice = await builtCli(
    ['check', 'addons/broken', 'addons/broken/forge_clean', ...path, '--format', 'json'],
    repo,
  );
  assert.deepEqual(errors(json(twice.stdout)), [syntax], 'one folder given twice is checked once');

  const text = await builtCli(['check', 'addons/broken', 'addons/lib', ...path], repo);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /2 addons checked: 1 error\(s\)/);
});

test('finding paths are relative to the repository root, or to --root, in every format', async (t) => {
  const repo = repository();
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  const file = 'addons/broken/forge_clean/models/forge_item.py';
  const inAddons = join(repo, 'addons');

  const github = await builtCli(['check', 'broken', '--format', 'github'], inAddons);
  assert.equal(github.code, 1);
  assert.match(github.stdout, new RegExp(`^::error file=${file},line=\\d+`, 'm'));
  const asJson = await builtCli(['check', 'broken', '--format', 'json'], inAddons);
  assert.deepEqual(errors(json(asJson.stdout)), [`${file} python-syntax-error`]);
  const text = await builtCli(['check', 'broken'], inAddons);
  assert.match(text.stdout, new RegExp(`^${file}$`, 'm'));

  const rooted = await builtCli(['check', 'addons/broken', '--root', 'addons', '--format', 'github'], repo);
  assert.match(rooted.stdout, /^::error file=broken\/forge_clean\/models\/forge_item\.py,/m);
  const badRoot = await builtCli(['check', 'addons/broken', '--root', 'no-such-root'], repo);
  assert.equal(badRoot.code, 2);
  assert.match(badRoot.stderr, /--root .*no-such-root is not a folder/);

  // Outside a repository: relative to the current folder.
  const plain = mkdtempSync(join(tmpdir(), 'forge-check-plain-'));
  t.after(() => rmSync(plain, { recursive: true, force: true }));
  cpSync(join(repo, 'addons', 'broken'), join(plain, 'src', 'broken'), { recursive: true });
  const outside = await builtCli(['check', 'src/broken', '--format', 'json'], plain);
  assert.deepEqual(errors(json(outside.stdout)), [
    'src/broken/forge_clean/models/forge_item.py python-syntax-error',
  ]);
});

test('check --addons-path with a folder that does not exist is refused (exit 2), as deps refuses it', async (t) => {
  const repo = repository();
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  const missing = await builtCli(['check', 'addons/lib', '--addons-path', '/nonexistent'], repo);
  assert.equal(missing.code, 2, missing.stdout);
  assert.match(missing.stderr, /--addons-path folder \/nonexistent does not exist/);
  assert.equal(missing.stdout, '', 'nothing was checked');

  const typo = await builtCli(['check', 'addons/lib', '--addons-path', `${stubAddonsPath},addons/lbi`], repo);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /--addons-path folder .*addons\/lbi does not exist/);

  const file = await builtCli(
    ['check', 'addons/lib', '--addons-path', 'addons/lib/forge_clean/__init__.py'],
    repo,
  );
  assert.equal(file.code, 2);
  assert.match(file.stderr, /is not a folder/);

  const deps = await builtCli(['deps', 'forge_clean', '--addons-path', `${stubAddonsPath},addons/lbi`], repo);
  assert.equal(deps.code, 2);
  assert.equal(deps.stderr, typo.stderr, 'check and deps refuse it with the same message');
});

test('check without --addons-path says which view fields it did not check, and why (a mail mixin)', async (t) => {
  const repo = repository();
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  const addon = join(repo, 'addons', 'lib', 'forge_clean');
  const model = join(addon, 'models', 'forge_item.py');
  writeFileSync(
    model,
    readFileSync(model, 'utf8').replace(
      "    _description = 'Forge Item'\n",
      "    _description = 'Forge Item'\n    _inherit = ['mail.thread', 'mail.activity.mixin']\n",
    ),
  );
  const views = join(addon, 'views', 'forge_item_views.xml');
  writeFileSync(views, readFileSync(views, 'utf8').replace('<field name="name"/>', '<field name="nmae"/>'));

  const ran = await builtCli(['check', 'addons/lib', '--format', 'json'], repo);
  assert.equal(ran.code, 0, 'an unchecked typo is no error');
  const skipped = (JSON.parse(ran.stdout) as (JsonFinding & { message: string })[]).filter(
    (f) => f.rule === 'view-fields-not-checked',
  );
  assert.deepEqual(
    skipped.map((f) => [f.file, f.severity]),
    [
      ['addons/lib/forge_clean/views/forge_item_views.xml', 'info'],
      ['addons/lib/forge_clean/views/forge_item_views.xml', 'info'],
      ['addons/lib/forge_clean/views/forge_item_views.xml', 'info'],
    ],
    'one per view of the model (form, list, search)',
  );
  for (const finding of skipped) {
    assert.match(finding.message, /model "forge\.item" were not checked/);
    assert.match(finding.message, /"mail\.thread", "mail\.activity\.mixin"/);
    assert.match(finding.message, /--addons-path/);
    assert.ok(finding.line > 0);
  }

  // The clean fixture (no unknown parent) has every view field checked: nothing to say.
  const clean = await builtCli(['check', join(fixturesRoot, 'clean'), '--format', 'json'], repo);
  assert.equal(clean.code, 0, clean.stderr);
  assert.deepEqual(json(clean.stdout), []);
});
