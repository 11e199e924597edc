import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { cleanFixture, fixturesRoot, ruleFixtures, stubAddonsPath } from './fixture-table.js';

// Every rule has a fixture addon that the checker flags, and the clean variant has no finding.
// The addons path is the stand-in base of the fixtures (the real one is used in odoo-*.test.ts).

for (const fixture of ruleFixtures) {
  test(`${fixture.rule}: ${fixture.folder} is flagged as ${fixture.severity}`, async () => {
    const dir = `${fixturesRoot}${fixture.folder}`;
    const result = await checkAddons([dir], { series: '18.0', addonsPath: [stubAddonsPath, dir] });
    const hits = result.findings.filter((f) => f.rule === fixture.rule);
    assert.ok(hits.length > 0, `no ${fixture.rule} finding; got ${JSON.stringify(result.findings, null, 1)}`);
    assert.ok(
      hits.every((f) => f.severity === fixture.severity),
      `${fixture.rule} should be ${fixture.severity}: ${JSON.stringify(hits)}`,
    );
    for (const hit of hits) {
      assert.ok(hit.line > 0, `a ${fixture.rule} finding points at a line: ${JSON.stringify(hit)}`);
      assert.match(hit.file, new RegExp(`^(${fixture.modules.join('|')})/`));
    }
    // One mistake, one error: no cascade of other errors.
    const otherErrors = result.findings.filter((f) => f.severity === 'error' && f.rule !== fixture.rule);
    assert.deepEqual(otherErrors, []);
    assert.equal(result.counts.error > 0, fixture.severity === 'error');
  });
}

test('the clean fixture has no finding at all', async () => {
  const dir = `${fixturesRoot}${cleanFixture.folder}`;
  const result = await checkAddons([dir], { addonsPath: [stubAddonsPath, dir] });
  assert.deepEqual(result.findings, []);
  assert.equal(result.addons[0]?.series, '18.0', 'the series comes from the manifest version');
});

test('without an addons path, dependencies are not judged and the clean fixture stays clean', async () => {
  const result = await checkAddons([`${fixturesRoot}${cleanFixture.folder}`]);
  assert.deepEqual(result.findings, []);
  const missing = await checkAddons([`${fixturesRoot}manifest-depends-missing`]);
  assert.equal(missing.counts.error, 0, 'a dependency cannot be called missing when no addons path is given');
});

test('every fixture folder is covered by a rule test', async () => {
  const { readdirSync } = await import('node:fs');
  const folders = readdirSync(fixturesRoot).filter(
    (name) => name !== 'addons-path' && name !== cleanFixture.folder,
  );
  assert.deepEqual(folders.sort(), ruleFixtures.map((f) => f.folder).sort());
});
