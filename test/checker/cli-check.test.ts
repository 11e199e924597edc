import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CliIo } from '../../cli/cli-io.js';
import { main } from '../../cli/main.js';
import { fixturesRoot, stubAddonsPath } from './fixture-table.js';

function captureIo(isTty = false): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    isTty,
    cwd: fixturesRoot,
    env: {},
    stdout: () => out,
    stderr: () => err,
  };
}

test('check exits 0 on the clean addon and 1 when a finding is an error', async () => {
  const clean = captureIo();
  assert.equal(await main(['check', 'clean', '--addons-path', stubAddonsPath], clean), 0);
  assert.match(clean.stdout(), /1 addon checked: 0 error\(s\)/);

  const bad = captureIo();
  assert.equal(await main(['check', 'view-unknown-field', 'clean', '--addons-path', stubAddonsPath], bad), 1);
  assert.match(bad.stdout(), /forge_view_unknown_field\/views\/forge_item_views\.xml/);
  assert.match(bad.stdout(), /2 addons checked: 1 error\(s\)/);
});

test('check --format json prints findings that parse, with paths from the repository root', async () => {
  const io = captureIo();
  const code = await main(
    ['check', 'xml-unknown-ref', '--format', 'json', '--addons-path', stubAddonsPath],
    io,
  );
  assert.equal(code, 1);
  const findings = JSON.parse(io.stdout()) as {
    file: string;
    line: number;
    rule: string;
    severity: string;
  }[];
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.rule, f.severity]),
    [
      [
        'test/fixtures/checker/xml-unknown-ref/forge_xml_unknown_ref/views/menus.xml',
        4,
        'xml-unknown-ref',
        'error',
      ],
    ],
  );
});

test('check --format github prints workflow commands; warnings alone exit 0', async () => {
  const io = captureIo();
  const code = await main(
    ['check', 'access-missing', '--format', 'github', '--addons-path', stubAddonsPath],
    io,
  );
  assert.equal(code, 0);
  assert.match(
    io.stdout(),
    /^::warning file=test\/fixtures\/checker\/access-missing\/forge_access_missing\/models\/forge_item\.py,line=18,title=access-missing::model "forge\.item\.line"/m,
  );
});

test('check --odoo forces the series: attrs is refused on 17.0 and accepted on 16.0', async () => {
  const on17 = captureIo();
  assert.equal(await main(['check', 'view-attrs-removed', '--odoo', '17.0', '--format', 'json'], on17), 1);
  const on16 = captureIo();
  await main(['check', 'view-attrs-removed', '--odoo', '16.0', '--format', 'json'], on16);
  const rules16 = (JSON.parse(on16.stdout()) as { rule: string }[]).map((f) => f.rule);
  assert.equal(rules16.includes('view-attrs-removed'), false);
});

test('check refuses bad input with exit 2', async () => {
  assert.equal(await main(['check', 'clean', '--format', 'yaml'], captureIo()), 2);
  assert.equal(await main(['check', 'clean', '--odoo', '15.0'], captureIo()), 2);
  const missing = captureIo();
  assert.equal(await main(['check', 'no-such-folder'], missing), 2);
  assert.match(missing.stderr(), /no-such-folder does not exist/);
});

test('deps prints the install order, and reports missing modules and cycles with exit 1', async () => {
  const ok = captureIo();
  const path = `${stubAddonsPath},clean`;
  assert.equal(await main(['deps', 'forge_clean', '--addons-path', path, '--json'], ok), 0);
  assert.deepEqual(JSON.parse(ok.stdout()), {
    order: ['base', 'forge_clean'],
    missing: {},
    notFound: [],
    cycles: [],
  });

  const missing = captureIo();
  assert.equal(
    await main(
      [
        'deps',
        'forge_manifest_depends_missing',
        '--addons-path',
        `${stubAddonsPath},manifest-depends-missing`,
      ],
      missing,
    ),
    1,
  );
  assert.match(missing.stdout(), /missing: forge_manifest_depends_missing depends on forge_not_on_path/);

  const cycle = captureIo();
  assert.equal(
    await main(['deps', 'forge_cycle_a', '--addons-path', `${stubAddonsPath},manifest-depends-cycle`], cycle),
    1,
  );
  assert.match(cycle.stdout(), /cycle: forge_cycle_a -> forge_cycle_b -> forge_cycle_a/);
});
