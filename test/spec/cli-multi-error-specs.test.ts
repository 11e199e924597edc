import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../cli/cli-io.js';
import { main } from '../../cli/main.js';

const MULTI = fileURLToPath(new URL('./fixtures/multi-error/', import.meta.url));

interface Expected {
  line: number;
  path: string;
  fragment: string;
}

interface Reported {
  line: number;
  column: number;
  path: string;
  message: string;
}

/** The errors a fixture expects: `# error: <path> | <message fragment>` on the line they point at. */
function expectedErrors(text: string): Expected[] {
  return text.split('\n').flatMap((line, i) => {
    const match = /# error: (\S+) \| (.+)$/.exec(line);
    return match ? [{ line: i + 1, path: match[1] as string, fragment: (match[2] as string).trim() }] : [];
  });
}

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    isTty: false,
    cwd,
    env: {},
  };
  const code = await main(args, io);
  return { code, out, err };
}

/** `file:line:column: path: message` lines of the CLI's report. */
function reportedErrors(stderr: string, file: string): Reported[] {
  return stderr.split('\n').flatMap((line) => {
    if (!line.startsWith(`${file}:`)) return [];
    const match = /^:(\d+):(\d+): (\S+): (.*)$/.exec(line.slice(file.length));
    return match
      ? [
          {
            line: Number(match[1]),
            column: Number(match[2]),
            path: match[3] as string,
            message: match[4] as string,
          },
        ]
      : [];
  });
}

const workDir = mkdtempSync(join(tmpdir(), 'forge-multi-error-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

describe('CLI: a spec with several errors reports every one of them in one run', () => {
  const files = readdirSync(MULTI)
    .filter((name) => name.endsWith('.yaml'))
    .sort();

  it('has at least 10 multi-error specs, each with errors of at least two places', () => {
    assert.ok(files.length >= 10, `only ${files.length} multi-error specs`);
    for (const name of files)
      assert.ok(expectedErrors(readFileSync(join(MULTI, name), 'utf8')).length >= 2, name);
  });

  for (const name of files) {
    const file = join(MULTI, name);
    const expected = expectedErrors(readFileSync(file, 'utf8'));

    it(`validate lists every error of ${name}, in the order of the text, and nothing more`, async () => {
      const { code, err } = await run(['validate', file], workDir);
      assert.equal(code, 2, `exit code; stderr:\n${err}`);
      const reported = reportedErrors(err, file);
      const shown = reported
        .map((error) => `  ${error.line}:${error.column} ${error.path}: ${error.message}`)
        .join('\n');
      for (const want of expected) {
        const match = reported.find(
          (error) =>
            error.line === want.line && error.path === want.path && error.message.includes(want.fragment),
        );
        assert.ok(
          match,
          `no error at line ${want.line}, ${want.path}, with "${want.fragment}"; reported:\n${shown}`,
        );
      }
      assert.equal(reported.length, expected.length, `errors beyond those expected (a cascade?):\n${shown}`);
      const positions = reported.map((error) => error.line * 10_000 + error.column);
      assert.deepEqual(
        positions,
        [...positions].sort((a, b) => a - b),
        `not in the order of the text:\n${shown}`,
      );
    });

    it(`generate refuses ${name} with exit code 2 and writes nothing`, async () => {
      const outDir = mkdtempSync(join(workDir, 'out-'));
      const { code, err } = await run(['generate', file, '--out', outDir], workDir);
      assert.equal(code, 2, `exit code; stderr:\n${err}`);
      assert.equal(reportedErrors(err, file).length, expected.length, err);
      assert.match(err, /nothing was written/);
      assert.deepEqual(readdirSync(outDir), []);
    });

    it(`validate --json gives the same ${expected.length} errors of ${name}, each with line and column`, async () => {
      const { code, out } = await run(['validate', file, '--json'], workDir);
      assert.equal(code, 2);
      const report = JSON.parse(out) as {
        valid: boolean;
        errors: { path: string; line?: number; column?: number }[];
      };
      assert.equal(report.valid, false);
      assert.deepEqual(
        report.errors.map((error) => `${error.line}:${error.path}`),
        expected.map((want) => `${want.line}:${want.path}`),
      );
      assert.ok(report.errors.every((error) => typeof error.column === 'number'));
    });
  }
});

describe('CLI: the errors left out as consequences are the ones a structural error explains', () => {
  /** The same fixture with one structural error replaced by a value that parses. */
  async function errorsWith(name: string, from: string, to: string): Promise<Reported[]> {
    const text = readFileSync(join(MULTI, name), 'utf8');
    assert.ok(text.includes(from), `${name} must contain ${from}`);
    const file = join(workDir, name);
    writeFileSync(file, text.replace(from, to));
    const { code, err } = await run(['validate', file], workDir);
    assert.equal(code, 2, err);
    return reportedErrors(err, file);
  }

  it('a well-formed model name that nothing refers to makes every reference to the old name an error', async () => {
    const errors = await errorsWith('malformed-model-name.yaml', 'name: Forge.Task', 'name: forge.taskx');
    const unknown = errors.filter((error) =>
      error.message.startsWith('forge.task is not a model of this spec'),
    );
    assert.deepEqual(
      unknown.map((error) => error.path),
      [
        'models[1].fields.task_id.comodel',
        'menus.items[0].model',
        'security.access["forge.task"]',
        'security.rules[0].model',
        'demo["forge.task"]',
        'tests[0].create.model',
      ],
    );
  });

  it('a well-formed but missing dependency makes the external id of its module an error', async () => {
    const errors = await errorsWith('malformed-dependency.yaml', 'depends: [Mail]', 'depends: []');
    assert.ok(
      errors.some(
        (error) =>
          error.path === 'security.groups.user.implies[0]' &&
          error.message.includes('add mail to module.depends'),
      ),
    );
  });

  it('a field type that parses brings back the checks on the field', async () => {
    const errors = await errorsWith('wrong-field-type.yaml', 'type: selectin', 'type: char');
    assert.ok(
      errors.some(
        (error) =>
          error.path === 'models[0].workflow.field' && error.message.includes('state is a char field'),
      ),
    );
  });
});
