// Written folders and files get the modes of the user's umask (as cp and git give), on every
// write path of the CLI: generate, request and demo, each run as a process under a real umask.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'test', 'runner', 'helpers', 'odoo-forge-cli.ts');
const library = readFileSync(join(root, 'examples', 'library.yaml'), 'utf8');

/** Runs odoo-forge in `cwd` under `umask` (a real shell umask, inherited by node). */
async function forgeUnderUmask(umask: string, cwd: string, args: string[]): Promise<void> {
  const quoted = [process.execPath, '--import', import.meta.resolve('tsx'), cli, ...args]
    .map((a) => `'${a}'`)
    .join(' ');
  await run('sh', ['-c', `umask ${umask} && cd '${cwd}' && exec ${quoted}`], {
    env: { ...process.env, NODE_OPTIONS: '' },
    cwd: root,
  });
}

/** Every mode under `dir` (itself included), as `relative path → octal mode`. */
function modesUnder(dir: string): Map<string, string> {
  const modes = new Map<string, string>([['.', (statSync(dir).mode & 0o777).toString(8)]]);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = join(entry.parentPath, entry.name);
    modes.set(full.slice(dir.length + 1), (statSync(full).mode & 0o777).toString(8));
  }
  return modes;
}

function assertModes(dir: string, folderMode: string, fileMode: string): void {
  const modes = modesUnder(dir);
  assert.ok(modes.size > 10, `the addon has files: ${[...modes.keys()].join(', ')}`);
  for (const [path, mode] of modes) {
    const expected = statSync(join(dir, path)).isDirectory() ? folderMode : fileMode;
    assert.equal(mode, expected, `${path} has mode ${mode}, expected ${expected}`);
  }
}

const cases: { umask: string; folder: string; file: string }[] = [
  { umask: '022', folder: '755', file: '644' },
  { umask: '027', folder: '750', file: '640' },
];

for (const { umask, folder, file } of cases) {
  test(
    `generate under umask ${umask} writes folders ${folder} and files ${file}`,
    { timeout: 60_000 },
    async (t) => {
      const work = mkdtempSync(join(tmpdir(), 'forge-modes-'));
      t.after(() => rmSync(work, { recursive: true, force: true }));

      await forgeUnderUmask(umask, work, [
        'generate',
        join(root, 'examples', 'library.yaml'),
        '--out',
        'addons',
      ]);

      assertModes(join(work, 'addons', 'library_loans'), folder, file);
      assert.equal((statSync(join(work, 'addons')).mode & 0o777).toString(8), folder);
    },
  );
}

test(
  'generate --force replacing an addon under umask 022 gives 755/644 too',
  { timeout: 60_000 },
  async (t) => {
    const work = mkdtempSync(join(tmpdir(), 'forge-modes-'));
    t.after(() => rmSync(work, { recursive: true, force: true }));
    const spec = join(work, 'spec.yaml');
    writeFileSync(spec, library);
    await forgeUnderUmask('077', work, ['generate', spec, '--out', 'addons']);
    writeFileSync(spec, library.replace(/summary: .*/, 'summary: Lend books, replaced'));

    await forgeUnderUmask('022', work, ['generate', spec, '--out', 'addons', '--force']);

    assertModes(join(work, 'addons', 'library_loans'), '755', '644');
  },
);

test('request under umask 022 writes folders 755 and files 644', { timeout: 60_000 }, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'forge-modes-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  writeFileSync(
    join(work, 'ISSUE.md'),
    [
      '### What should the module do?',
      '',
      'Lend books.',
      '',
      '### Module spec (YAML)',
      '',
      '```yaml',
      library.trimEnd(),
      '```',
      '',
    ].join('\n'),
  );

  await forgeUnderUmask('022', work, ['request', 'ISSUE.md', '--out', 'addons']);

  assertModes(join(work, 'addons', 'library_loans'), '755', '644');
});

test('demo under umask 022 writes folders 755 and files 644', { timeout: 60_000 }, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'forge-modes-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));

  await forgeUnderUmask('022', work, ['demo', '--out', 'forge-demo']);

  assertModes(join(work, 'forge-demo', 'library_loans'), '755', '644');
  assert.deepEqual(
    readdirSync(join(work, 'forge-demo')).filter((name) => name.startsWith('.')),
    [],
    'no staging folder is left behind',
  );
});
