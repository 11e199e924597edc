import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ForgeError } from '../../core/errors/forge-error.js';
import { changedAddons } from '../../runner/pr/changed-addons.js';
import { makeGitWorkspace } from './support/git-workspace.js';

const manifest = "{'name': 'X', 'version': '18.0.1.0.0', 'depends': ['base']}\n";

describe('changedAddons (runner/pr)', () => {
  it('maps touched files to addon folders of the addons path, repository-relative, and sorts out the rest', async () => {
    const ws = makeGitWorkspace(
      {
        'addons/kept/__manifest__.py': manifest,
        'addons/kept/models/a.py': 'x = 1\n',
        'addons/gone/__manifest__.py': manifest,
        'addons/untouched/__manifest__.py': manifest,
      },
      {
        'addons/kept/models/a.py': 'x = 2\n',
        'addons/gone': null,
        'addons/fresh/__manifest__.py': manifest,
        'addons/fresh/views/v.xml': '<odoo/>\n',
        'addons/nomanifest/__init__.py': '',
        'addons/docs/readme.md': 'just docs\n',
        'addons/.github/workflows/x.yml': 'on: push\n',
        'addons/README.md': 'readme\n',
        'setup/kept/setup.py': '',
      },
    );
    try {
      const changed = await changedAddons({ workspace: ws.dir, base: ws.baseSha, addonsPath: ['./addons/'] });
      assert.deepEqual(
        changed.addons.map((a) => ({ name: a.name, dir: a.dir, files: a.files })),
        [
          {
            name: 'fresh',
            dir: 'addons/fresh',
            files: ['addons/fresh/__manifest__.py', 'addons/fresh/views/v.xml'],
          },
          { name: 'kept', dir: 'addons/kept', files: ['addons/kept/models/a.py'] },
        ],
      );
      assert.deepEqual(changed.withoutManifest, ['addons/nomanifest']);
      assert.deepEqual(changed.removed, ['addons/gone']);
      assert.deepEqual(changed.otherFiles, [
        'addons/.github/workflows/x.yml',
        'addons/README.md',
        'addons/docs/readme.md',
        'setup/kept/setup.py',
      ]);
    } finally {
      ws.remove();
    }
  });

  it('takes every addon of the tree when there is no base (a first push), and an addons path that is itself an addon', async () => {
    const ws = makeGitWorkspace({ 'one/__manifest__.py': manifest, 'single/__manifest__.py': manifest }, {});
    try {
      const all = await changedAddons({ workspace: ws.dir, base: undefined });
      assert.deepEqual(
        all.addons.map((a) => a.dir),
        ['one', 'single'],
      );
      const zeros = await changedAddons({ workspace: ws.dir, base: '0'.repeat(40), addonsPath: ['single'] });
      assert.deepEqual(
        zeros.addons.map((a) => ({ name: a.name, dir: a.dir })),
        [{ name: 'single', dir: 'single' }],
      );
    } finally {
      ws.remove();
    }
  });

  it('says what to do when the base commit is missing and cannot be fetched, or the addons path leaves the repository', async () => {
    const ws = makeGitWorkspace({}, { 'a/__manifest__.py': manifest });
    try {
      await assert.rejects(
        changedAddons({ workspace: ws.dir, base: 'f'.repeat(40) }),
        (error: unknown) =>
          error instanceof ForgeError &&
          error.code === 'input.base-commit-missing' &&
          /fetch-depth: 0/.test(error.hint ?? ''),
      );
      await assert.rejects(
        changedAddons({ workspace: ws.dir, base: ws.baseSha, addonsPath: ['../elsewhere'] }),
        (error: unknown) => error instanceof ForgeError && error.code === 'input.addons-path-outside',
      );
    } finally {
      ws.remove();
    }
  });
});
