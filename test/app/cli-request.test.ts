import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { main } from '../../cli/main.js';
import { generate } from '../../core/generator/generate.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { issueFormMarkdown, librarySpecYaml } from './support/issue-form-markdown.js';

describe('odoo-forge request ISSUE.md --out DIR', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    main(args, { out: (t) => out.push(t), err: (t) => err.push(t), isTty: false, cwd: dir, env });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'forge-request-'));
    out = [];
    err = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the addon of the form’s YAML into DIR/<module>/', async () => {
    await writeFile(
      join(dir, 'ISSUE.md'),
      issueFormMarkdown({ description: 'Lend books.', yaml: librarySpecYaml }),
    );

    const code = await run(['request', 'ISSUE.md', '--out', 'addons']);

    assert.equal(code, 0, err.join(''));
    const parsed = parseSpec(librarySpecYaml);
    assert.ok(parsed.ok);
    const expected = generate(parsed.spec);
    for (const [path, content] of expected)
      assert.equal(await readFile(join(dir, 'addons', 'library_loans', path), 'utf8'), content);
    assert.match(out.join(''), /created .*library_loans\/ \(\d+ files\)/);
  });

  it('reports a YAML error at its line in ISSUE.md and writes nothing (exit 2)', async () => {
    const markdown = issueFormMarkdown({ yaml: librarySpecYaml.replace('{type: integer}', '{type: int}') });
    await writeFile(join(dir, 'ISSUE.md'), markdown);
    const line = markdown.split('\n').findIndex((l) => l.includes('{type: int}')) + 1;

    const code = await run(['request', 'ISSUE.md', '--out', 'addons']);

    assert.equal(code, 2);
    assert.match(err.join(''), new RegExp(`ISSUE\\.md:${line}:\\d+: models\\[0\\]\\.fields\\.pages\\.type`));
    assert.deepEqual(await readdir(dir), ['ISSUE.md']);
  });

  it('without YAML and without ANTHROPIC_API_KEY, says how to provide a spec (exit 2)', async () => {
    await writeFile(join(dir, 'ISSUE.md'), issueFormMarkdown({ description: 'Lend books.' }));

    const code = await run(['request', 'ISSUE.md', '--out', 'addons']);

    assert.equal(code, 2);
    assert.match(err.join(''), /no spec in its "Module spec \(YAML\)" field[\s\S]*hint: Paste a spec/);
  });

  it('refuses a file that is not a module-request issue (exit 2)', async () => {
    await writeFile(join(dir, 'ISSUE.md'), 'Just some text.');
    assert.equal(await run(['request', 'ISSUE.md', '--out', 'addons']), 2);
    assert.match(err.join(''), /not a "Module request" issue/);
  });
});
