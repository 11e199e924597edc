import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../cli/cli-io.js';
import { main } from '../../cli/main.js';

const SPECS = fileURLToPath(new URL('../fixtures/specs/', import.meta.url));
const BAD = join(SPECS, 'bad');

interface Captured {
  io: CliIo;
  out: () => string;
  err: () => string;
}

function capture(cwd: string): Captured {
  let out = '';
  let err = '';
  return {
    io: { out: (text) => void (out += text), err: (text) => void (err += text), isTty: false, cwd, env: {} },
    out: () => out,
    err: () => err,
  };
}

/** The expectations written at the top of each bad spec: `# expect-path:` and `# expect-message:`. */
function expectations(file: string): { path: string; message: string } {
  const text = readFileSync(file, 'utf8');
  const path = /^# expect-path: (.+)$/m.exec(text)?.[1];
  const message = /^# expect-message: (.+)$/m.exec(text)?.[1];
  assert.ok(path && message, `${file} must start with # expect-path: and # expect-message: lines`);
  return { path, message };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const workDir = mkdtempSync(join(tmpdir(), 'forge-bad-specs-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

describe('CLI: bad specs are refused with exit code 2 and nothing written', () => {
  it('accepts the valid spec the bad ones are made from', async () => {
    const cli = capture(workDir);
    const code = await main(['validate', join(SPECS, 'valid-minimal.yaml')], cli.io);
    assert.equal(code, 0, cli.err());
    assert.match(cli.out(), /valid \(forge_todo, Odoo 18\.0, 2 models\)/);
  });

  const files = readdirSync(BAD)
    .filter((name) => name.endsWith('.yaml'))
    .sort();

  it('has at least 20 bad specs', () => {
    assert.ok(files.length >= 20, `only ${files.length} bad specs`);
  });

  for (const name of files) {
    const file = join(BAD, name);
    const { path, message } = expectations(file);

    it(`generate refuses ${name} at ${path}`, async () => {
      const outDir = mkdtempSync(join(workDir, 'out-'));
      const cli = capture(workDir);
      const code = await main(['generate', file, '--out', outDir], cli.io);
      assert.equal(code, 2, `exit code; stderr:\n${cli.err()}`);
      const line = new RegExp(`^${escape(file)}:(\\d+):(\\d+): ${escape(path)}: .*${escape(message)}`, 'm');
      assert.match(cli.err(), line);
      assert.match(cli.err(), /nothing was written/);
      assert.deepEqual(readdirSync(outDir), [], 'the output directory must stay empty');
    });

    it(`validate --json reports ${name} at ${path}`, async () => {
      const cli = capture(workDir);
      const code = await main(['validate', file, '--json'], cli.io);
      assert.equal(code, 2);
      const report = JSON.parse(cli.out()) as {
        valid: boolean;
        errors: { path: string; message: string; line?: number }[];
      };
      assert.equal(report.valid, false);
      const match = report.errors.find((error) => error.path === path && error.message.includes(message));
      assert.ok(match, `no error at ${path} with "${message}" in ${JSON.stringify(report.errors, null, 2)}`);
      assert.equal(typeof match.line, 'number');
    });
  }

  it('points at the line of a duplicate key', async () => {
    const file = join(BAD, 'duplicate-key.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const expectedLine = lines.findIndex((text) => text.includes('title: Tasks')) + 1;
    const cli = capture(workDir);
    assert.equal(await main(['validate', file], cli.io), 2);
    assert.match(cli.err(), new RegExp(`:${expectedLine}:5: \\(yaml\\): duplicate key \`title\``));
  });
});
