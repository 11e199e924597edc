// The library entry the actions use: findings with paths from the repository root.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  checkAddons,
  checkRepositoryAddons,
  repositoryRoot,
} from '../../runner/addon-reader/check-addons.js';
import { fixturesRoot } from './fixture-table.js';

test('checkRepositoryAddons: paths from the repository root; checkAddons keeps module/path without root', async (t) => {
  const repo = realpathSync(mkdtempSync(join(tmpdir(), 'forge-repo-paths-')));
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  mkdirSync(join(repo, '.git'));
  const addons = join(repo, 'src', 'addons');
  cpSync(join(fixturesRoot, 'xml-unknown-ref'), addons, { recursive: true });

  assert.equal(repositoryRoot(join(addons, 'forge_xml_unknown_ref', '__manifest__.py')), repo);
  const inRepo = await checkRepositoryAddons([addons]);
  assert.equal(inRepo.root, repo);
  assert.deepEqual(
    inRepo.findings.filter((f) => f.rule === 'xml-unknown-ref').map((f) => f.file),
    ['src/addons/forge_xml_unknown_ref/views/menus.xml'],
  );
  const rooted = await checkAddons([addons], { root: addons });
  assert.deepEqual(
    rooted.findings.filter((f) => f.rule === 'xml-unknown-ref').map((f) => f.file),
    ['forge_xml_unknown_ref/views/menus.xml'],
  );
  const plain = await checkAddons([addons]);
  assert.deepEqual(
    plain.findings.map((f) => f.file),
    rooted.findings.map((f) => f.file),
    'without root: module/path, as before',
  );

  // A worktree or submodule has a .git file, not a folder.
  const sub = join(repo, 'vendor', 'lib');
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(sub, '.git'), 'gitdir: ../../.git/modules/lib\n');
  assert.equal(repositoryRoot(join(sub, 'x')), sub);
});
