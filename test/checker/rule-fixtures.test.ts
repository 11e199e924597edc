import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { supportedSeries } from '../support/odoo-trees.js';
import {
  cleanFixture,
  expectedSeverity,
  fixturesRoot,
  ruleFixtures,
  severityOf,
  stubAddonsPath,
} from './fixture-table.js';
import { retargetFixture } from './retarget-fixture.js';

// Every rule variant has a fixture addon that the checker flags with the severity its real-Odoo
// outcome sets (the outcomes are proven in odoo-fixtures.test.ts), on each series, and the clean
// fixture has no finding. The addons path is the stand-in base of the fixtures.

const root = mkdtempSync(join(tmpdir(), 'forge-rule-fixtures-'));
after(() => rmSync(root, { recursive: true, force: true }));

for (const series of supportedSeries) {
  for (const fixture of ruleFixtures) {
    const wanted = expectedSeverity(fixture, series);
    test(`${series} ${fixture.rule}: ${fixture.folder} (${fixture.variant}) is ${wanted ?? 'not reported'}`, async () => {
      const dir = join(root, series, fixture.folder);
      retargetFixture(join(fixturesRoot, fixture.folder), dir, series, fixture.retarget?.(series));
      const result = await checkAddons([dir], { series, addonsPath: [stubAddonsPath, dir] });
      const hits = result.findings.filter((f) => f.rule === fixture.rule);
      if (wanted === undefined) {
        assert.deepEqual(hits, [], `valid on ${series}: no ${fixture.rule} finding`);
      } else {
        assert.ok(
          hits.length > 0,
          `no ${fixture.rule} finding; got ${JSON.stringify(result.findings, null, 1)}`,
        );
        assert.deepEqual([...new Set(hits.map((f) => f.severity))], [wanted], JSON.stringify(hits));
      }
      for (const hit of hits) {
        assert.ok(hit.line > 0, `a ${fixture.rule} finding points at a line: ${JSON.stringify(hit)}`);
        assert.match(hit.file, new RegExp(`^(${fixture.modules.join('|')})/`));
      }
      // One mistake, one error: no cascade of other errors.
      const otherErrors = result.findings.filter((f) => f.severity === 'error' && f.rule !== fixture.rule);
      assert.deepEqual(otherErrors, []);
      assert.equal(result.counts.error > 0, wanted === 'error');
    });
  }
  test(`${series}: the clean fixture, written for the series, has no finding at all`, async () => {
    const dir = join(root, series, cleanFixture.folder);
    retargetFixture(join(fixturesRoot, cleanFixture.folder), dir, series);
    const result = await checkAddons([dir], { addonsPath: [stubAddonsPath, dir] });
    assert.deepEqual(result.findings, []);
    assert.equal(result.addons[0]?.series, series, 'the series comes from the manifest version');
  });
}

test('without an addons path, dependencies are not judged and the clean fixture stays clean', async () => {
  const result = await checkAddons([`${fixturesRoot}${cleanFixture.folder}`]);
  assert.deepEqual(result.findings, []);
  const missing = await checkAddons([`${fixturesRoot}manifest-depends-missing`]);
  assert.equal(missing.counts.error, 0, 'a dependency cannot be called missing when no addons path is given');
});

test('every fixture folder is covered by a rule test, and every overridden severity says why', () => {
  const folders = readdirSync(fixturesRoot).filter(
    (name) => name !== 'addons-path' && name !== cleanFixture.folder,
  );
  assert.deepEqual(folders.sort(), ruleFixtures.map((f) => f.folder).sort());
  for (const fixture of ruleFixtures) {
    if (!fixture.severity) continue;
    assert.ok(
      fixture.severity.because.length > 20,
      `${fixture.folder}: the reason for ${fixture.severity.value}`,
    );
    const fromOutcomes = supportedSeries.map((series) => severityOf[fixture.odoo[series].kind]);
    assert.ok(
      fromOutcomes.some((severity) => severity !== undefined && severity !== fixture.severity?.value),
      `${fixture.folder}: an override that changes nothing`,
    );
  }
});
