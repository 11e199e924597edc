import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CliIo } from '../../cli/cli-io.js';
import { main } from '../../cli/main.js';
import { LIBRARY_YAML } from './spec-helpers.js';

/** The Markdown GitHub renders from the module-request form. */
function issue(version: string, technicalName: string, yaml: string): string {
  return [
    '### What should the module do?',
    '',
    'Lend books.',
    '',
    '### Odoo version',
    '',
    version,
    '',
    '### Technical name',
    '',
    technicalName,
    '',
    '### Module spec (YAML)',
    '',
    '```yaml',
    yaml.trimEnd(),
    '```',
    '',
  ].join('\n');
}

function capture(cwd: string): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { out: (text) => (out += text), err: (text) => (err += text), isTty: false, cwd, env: {} },
    out: () => out,
    err: () => err,
  };
}

/** The 1-based line of ISSUE.md that starts with `prefix`. */
function lineOf(markdown: string, prefix: string): number {
  return markdown.split('\n').findIndex((line) => line.startsWith(prefix)) + 1;
}

describe('issue 14 (14): request when the pasted spec disagrees with the form', () => {
  let work: string;
  before(() => (work = mkdtempSync(join(tmpdir(), 'forge-request-'))));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('generates for the form\'s "Odoo version" and "Technical name" and says what it replaced', async () => {
    const markdown = issue('17.0', 'library_lending', LIBRARY_YAML);
    writeFileSync(join(work, 'ISSUE.md'), markdown);
    const run = capture(work);
    const code = await main(['request', 'ISSUE.md', '--out', 'addons'], run.io);
    assert.equal(code, 0, run.err());
    const manifest = readFileSync(join(work, 'addons', 'library_lending', '__manifest__.py'), 'utf8');
    assert.match(manifest, /"version": "17\.0\.\d+\.\d+\.\d+"/);
    assert.match(
      run.err(),
      new RegExp(
        `ISSUE\\.md:${lineOf(markdown, 'odoo:')}: the form's "Odoo version" is 17\\.0 but the spec says odoo: "18\\.0": the form wins`,
      ),
    );
    assert.match(
      run.err(),
      new RegExp(
        `ISSUE\\.md:${lineOf(markdown, '  name: library_loans')}: the form's "Technical name" is library_lending but the spec says module\\.name: "library_loans"`,
      ),
    );
  });

  it('says nothing when the form and the spec agree', async () => {
    writeFileSync(join(work, 'SAME.md'), issue('18.0', 'library_loans', LIBRARY_YAML));
    const run = capture(work);
    const code = await main(['request', 'SAME.md', '--out', 'same'], run.io);
    assert.equal(code, 0, run.err());
    assert.doesNotMatch(run.err(), /the form wins/);
  });

  it('refuses a technical name from the form that is not one, saying the value came from the form', async () => {
    writeFileSync(join(work, 'BAD.md'), issue('18.0', 'Library Loans', LIBRARY_YAML));
    const run = capture(work);
    const code = await main(['request', 'BAD.md', '--out', 'bad'], run.io);
    assert.equal(code, 2);
    assert.match(
      run.err(),
      /module\.name.*expected a technical name.*\(the value Library Loans replaced the spec's\)/,
    );
  });
});
