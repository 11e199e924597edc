// The upgrade stage in container mode (issue 13, point 3): on real podman with the local images,
// one stack per series: the base version of two probe addons installed with demo data (`-i`, the
// base folders mounted), one record per model created by `odoo shell` with a script on stdin,
// snapshots through psql in the database container, `-u` with the head folders mounted on the
// same data volume. The migrated rename must lose nothing; the float retyped to an integer
// without a migration must be reported with the values it loses (2.5, 3.75 and the created 1.5).
// All three series (about 20-40 s each on the shared machine: one stack, no template);
// FORGE_UPGRADE_SERIES=18.0 narrows it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { planUpgrade } from '../../../core/upgrade/plan-upgrade.js';
import { silentLogger } from '../../../runner/logger.js';
import { removeStackObjects } from '../../../runner/stack/remove-stack-objects.js';
import {
  DEFAULT_TTL_SECONDS,
  defaultPostgresImage,
  defaultRuntimeImage,
} from '../../../runner/stack/stack-settings.js';
import { Teardown } from '../../../runner/stack/teardown.js';
import { formatUpgradeSummary } from '../../../runner/upgrade/format-upgrade-summary.js';
import { runUpgradeInStack } from '../../../runner/upgrade/run-upgrade-in-stack.js';
import { upgradeStage } from '../../../runner/upgrade/upgrade-stage.js';
import { odooTreeOrSkip, supportedSeries } from '../../support/odoo-trees.js';
import { probeSpec, writeAddons } from '../../upgrade/probe-specs.js';
import { engineOrSkip } from '../helpers/engine.js';

const seriesList = process.env.FORGE_UPGRADE_SERIES
  ? process.env.FORGE_UPGRADE_SERIES.split(',').map((s) => s.trim())
  : [...supportedSeries];

for (const series of seriesList) {
  test(
    `Odoo ${series} in containers: the upgrade stage passes a migrated rename and reports a retype with what it loses`,
    { timeout: 15 * 60_000 },
    async (t) => {
      const tree = odooTreeOrSkip(t, series, `the upgrade stage in containers on Odoo ${series}`);
      if (!tree) return;
      const runtime = defaultRuntimeImage(series, process.env);
      const driver = await engineOrSkip(t, [defaultPostgresImage(process.env), runtime]);
      if (!driver) return;
      const work = mkdtempSync(join(tmpdir(), `forge-upgrade-stack-${series}-`));
      chmodSync(work, 0o755);
      const teardown = new Teardown();
      t.after(async () => {
        await teardown.runAll();
        rmSync(work, { recursive: true, force: true });
      });
      const renamed = planUpgrade(
        probeSpec('probe-renamed-v1', series),
        probeSpec('probe-renamed-v2', series),
      );
      const retyped = planUpgrade(
        probeSpec('probe-retyped-v1', series),
        probeSpec('probe-retyped-v2', series),
      );
      writeAddons(join(work, 'base'), [
        probeSpec('probe-renamed-v1', series),
        probeSpec('probe-retyped-v1', series),
      ]);
      writeAddons(join(work, 'head'), [renamed.spec, retyped.spec]);
      let stackId = '';
      let shellRows = -1;

      const result = await runUpgradeInStack(driver, {
        settings: {
          odooSeries: series,
          odoo: { kind: 'source', sourceDir: tree.root, runtimeImage: runtime },
          postgresImage: defaultPostgresImage(process.env),
          addonsDirs: [],
          ttlSeconds: DEFAULT_TTL_SECONDS,
        },
        baseAddonsDirs: [join(work, 'base')],
        headAddonsDirs: [join(work, 'head')],
        modules: ['forge_probe_renamed', 'forge_probe_retyped'],
        logger: silentLogger,
        teardown,
        afterUpdate: async (stack) => {
          stackId = stack.id;
          shellRows = Number((await stack.psql('forge', 'SELECT count(*) FROM forge_probe_renamed')).trim());
        },
      });
      t.diagnostic(
        `Odoo ${series} in containers: install + records + update + snapshots in ${(result.durationMs / 1000).toFixed(1)} s`,
      );

      const summary = formatUpgradeSummary(result);
      assert.deepEqual(result.errors, [], summary);
      assert.deepEqual(result.updateErrors, [], `the update logged no ERROR\n${summary}`);
      assert.deepEqual(
        result.seeded.map((s) => `${s.model}: ${s.fields.join(',')} ${s.error ?? ''}`),
        ['forge.probe.renamed: name,pages,state,tag_ids ', 'forge.probe.retyped: code,name,note,rate '],
        `odoo shell created one record per model with the tests' values\n${summary}`,
      );
      assert.equal(shellRows, 4, 'the 3 demo records and the created one, read through the stack psql');
      const byModule = new Map(result.results.map((r) => [r.module, r]));
      const good = byModule.get('forge_probe_renamed');
      const bad = byModule.get('forge_probe_retyped');
      assert.ok(good && bad, summary);
      assert.equal(good.fromVersion, `${series}.1.0.0`);
      assert.equal(good.toVersion, `${series}.1.1.0`, 'the head was mounted for the update');
      assert.deepEqual(good.comparison.losses, [], `the migrated rename loses nothing\n${summary}`);
      assert.deepEqual(
        good.comparison.carried.map((c) => `${c.kind} ${c.field} ${c.from}->${c.to} ${c.values}`).sort(),
        ['field-renamed page_count pages->page_count 4', 'selection-mapped state draft->new 3'],
        summary,
      );
      assert.deepEqual(
        bad.comparison.losses.map(
          (l) => `${l.kind} ${l.model}.${l.field ?? ''} records=${l.records} values=${l.values}`,
        ),
        ['field-retyped forge.probe.retyped.rate records=3 values=3'],
        summary,
      );
      assert.equal(result.ok, false, 'a loss fails the stage');
      // The stack is gone (its containers, network and volume), whatever the verdict.
      assert.ok(stackId, 'afterUpdate got the stack');
      assert.deepEqual(await driver.listContainers({ 'forge.stack': stackId }), [], 'no container left');
      assert.equal(await driver.inspectVolume(`${stackId}-data`), undefined);
      await removeStackObjects(driver, stackId, []);
    },
  );
}

// Through actions/test's stage in its default mode (containers), 18.0 only: a git repository
// with version 1 on the base commit and version 3 on the head (`code` char → integer with
// "A-12"): the update fails in the stack and the check run names the values that cannot be cast.
test(
  "Odoo 18.0, actions/test's upgrade stage in container mode: an update that fails on a cast names the values the new type cannot take",
  { timeout: 15 * 60_000 },
  async (t) => {
    const tree = odooTreeOrSkip(t, '18.0', 'the container upgrade stage on a failing cast');
    if (!tree) return;
    const driver = await engineOrSkip(t, [
      defaultPostgresImage(process.env),
      defaultRuntimeImage('18.0', process.env),
    ]);
    if (!driver) return;
    const work = mkdtempSync(join(tmpdir(), 'forge-upgrade-stack-cast-'));
    chmodSync(work, 0o755);
    const teardown = new Teardown();
    t.after(async () => {
      await teardown.runAll();
      rmSync(work, { recursive: true, force: true });
    });
    const repo = join(work, 'repo');
    const addons = join(repo, 'addons');
    writeAddons(addons, [probeSpec('probe-retyped-v1')]);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
    const commit = (message: string) =>
      git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', message);
    git('init', '-q', '-b', 'main');
    git('add', '.');
    commit('v1');
    const baseSha = git('rev-parse', 'HEAD');
    rmSync(join(addons, 'forge_probe_retyped'), { recursive: true });
    writeAddons(addons, [probeSpec('probe-retyped-v3')]);
    git('add', '-A');
    commit('v3');
    const before = new Set((await driver.listContainers({ 'forge.stack': true })).map((c) => c.name));

    const started = Date.now();
    const stage = await upgradeStage.run({
      series: '18.0',
      modules: ['forge_probe_retyped'],
      odoo: { kind: 'source', sourceDir: tree.root },
      addonsDirs: [addons],
      workspace: repo,
      baseSha,
      mode: 'containers',
      workDir: join(work, 'scratch'),
      logger: silentLogger,
      teardown,
      env: process.env,
    });
    t.diagnostic(
      `Odoo 18.0 in containers: install + failed update in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    assert.equal(stage.conclusion, 'failure', stage.summary);
    assert.equal(stage.title, 'forge_probe_retyped: 1 loss(es), 3 value(s) would be lost', stage.summary);
    assert.match(
      stage.summary,
      /the update to the head version failed on Odoo 18\.0.*invalid input syntax for type integer/,
    );
    assert.match(stage.summary, /\| field-retyped \| forge\.probe\.retyped \| code \| 3 \| 3 \|/);
    assert.match(stage.summary, /code = "A-12"/);
    assert.deepEqual(
      stage.annotations.map((a) => `${a.path}:${a.line} ${a.title ?? ''}`),
      ['addons/forge_probe_retyped/__manifest__.py:1 field-retyped: forge.probe.retyped.code'],
    );
    const left = (await driver.listContainers({ 'forge.stack': true })).filter((c) => !before.has(c.name));
    assert.deepEqual(
      left.filter((c) => c.labels['forge.owner']?.startsWith(`${process.pid}@`)).map((c) => c.name),
      [],
      'the stage removed its stack',
    );
  },
);
