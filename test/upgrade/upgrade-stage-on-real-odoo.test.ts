import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { planUpgrade } from '../../core/upgrade/plan-upgrade.js';
import { runUpgradeStage } from '../../runner/upgrade/run-upgrade-stage.js';
import { formatUpgradeSummary } from '../../runner/upgrade/format-upgrade-summary.js';
import { upgradeStage } from '../../runner/upgrade/upgrade-stage.js';
import { Teardown } from '../../runner/stack/teardown.js';
import { silentLogger } from '../../runner/logger.js';
import type { LocalPostgres } from '../../runner/local-odoo/local-postgres.js';
import { localPostgresOrSkip } from '../support/local-postgres-or-skip.js';
import { odooTreeOrSkip, supportedSeries } from '../support/odoo-trees.js';
import { droppedProbe, probeSpec, writeAddons } from './probe-specs.js';

// The upgrade stage on real Odoo 16.0, 17.0 and 18.0 (issue 13, "Done when" 2): two small generated
// addons are installed in their version 1 with demo data in ONE Odoo run, then updated to version 2
// in one `-u` run: forge_probe_renamed renames a field and maps a selection key (the generator
// wrote the migration: nothing may be lost), forge_probe_retyped retypes a float to an integer
// without one: Odoo casts the column and rounds 2.5, 3.75 and 1.5 (caught, with what is lost).
// Besides the demo data the stage creates one record per model with the generated tests' values
// (every own field set, a message and a follower on a chatter model); after the model rename the
// test reads that record's mail_message and mail_followers rows and many2many links itself. On the
// newest series only (CI time), through actions/test's stage on a git repository (base commit v1,
// head v3): a char retyped to an integer whose values PostgreSQL cannot cast makes the update
// fail, and the stage names those values from the base data and the head's Python. The template is base + mail with demo data, the one the
// examples' end-to-end test builds, so a CI run builds no template of its own.
for (const series of supportedSeries) {
  test(
    `Odoo ${series}: the upgrade stage passes a rename the generator migrated and catches a retype that loses values`,
    { timeout: 15 * 60_000 },
    async (t) => {
      const tree = odooTreeOrSkip(t, series, `the upgrade stage on Odoo ${series}`);
      if (!tree) return;
      const pg = await localPostgresOrSkip(t, `the upgrade stage on Odoo ${series}`);
      if (!pg) return;
      const work = mkdtempSync(join(tmpdir(), `forge-upgrade-${series}-`));
      t.after(() => rmSync(work, { recursive: true, force: true }));
      const renamed = planUpgrade(
        probeSpec('probe-renamed-v1', series),
        probeSpec('probe-renamed-v2', series),
      );
      assert.deepEqual(renamed.losses, [], 'the spec diff of the renamed probe loses nothing');
      const retyped = planUpgrade(
        probeSpec('probe-retyped-v1', series),
        probeSpec('probe-retyped-v2', series),
      );
      assert.deepEqual(
        retyped.losses.map((change) => `${change.kind} ${change.model}.${change.field ?? ''}`),
        ['field-retyped forge.probe.retyped.rate'],
      );
      // A model renamed with renamed_from (migrated: records kept) and one renamed without (lost).
      const moved = planUpgrade(probeSpec('probe-moved-v1', series), probeSpec('probe-moved-v2', series));
      assert.deepEqual(moved.losses, [], 'renamed_from on the model: the spec diff loses nothing');
      assert.deepEqual(moved.bumped, { from: '1.0.0', to: '1.1.0' });
      const dropped = planUpgrade(droppedProbe('v1', series), droppedProbe('v2', series));
      assert.deepEqual(
        dropped.losses.map((change) => `${change.kind} ${change.model}`),
        ['model-removed forge.probe.gone'],
      );
      writeAddons(join(work, 'base'), [
        probeSpec('probe-renamed-v1', series),
        probeSpec('probe-retyped-v1', series),
        probeSpec('probe-moved-v1', series),
        droppedProbe('v1', series),
      ]);
      writeAddons(join(work, 'head'), [renamed.spec, retyped.spec, moved.spec, dropped.spec]);

      // What the snapshot does not hold, read before the run database is dropped: the renamed
      // model's chatter, followers and many2many links of the record the stage created.
      let afterRename: RenamedModelRows | undefined;
      const result = await runUpgradeStage({
        odooSrc: tree.root,
        baseAddonsDirs: [join(work, 'base')],
        headAddonsDirs: [join(work, 'head')],
        modules: ['forge_probe_renamed', 'forge_probe_retyped', 'forge_probe_moved', 'forge_probe_dropped'],
        pg,
        afterUpdate: (database) => {
          afterRename = renamedModelRows(pg, database);
          return Promise.resolve();
        },
      });
      t.diagnostic(
        `Odoo ${tree.version}: install + update + snapshots in ${(result.durationMs / 1000).toFixed(1)} s`,
      );

      const summary = formatUpgradeSummary(result);
      assert.deepEqual(result.errors, [], summary);
      assert.deepEqual(result.updateErrors, [], `the update logged no ERROR\n${summary}`);
      // One record per model created on the base with the generated tests' values, every own field set.
      assert.deepEqual(
        result.seeded.map(
          (s) => `${s.model}: ${s.fields.join(',')}${s.mail ? ' +mail' : ''} ${s.error ?? ''}`,
        ),
        [
          'forge.probe.renamed: name,pages,state,tag_ids ',
          'forge.probe.retyped: code,name,note,rate ',
          'forge.probe.item: name,qty,tag_ids +mail ',
          'forge.probe.gone: name,qty,tag_ids +mail ',
        ],
        summary,
      );
      assert.ok(
        result.seeded.every((s) => s.id !== undefined),
        summary,
      );
      const seededItem = result.seeded.find((s) => s.model === 'forge.probe.item')?.id ?? -1;
      assert.ok(afterRename, 'the stage called afterUpdate');
      assert.equal(
        afterRename.oldMessages,
        0,
        `no mail_message row still names forge.probe.item\n${summary}`,
      );
      assert.ok(
        (afterRename.messages[seededItem] ?? 0) >= 1,
        `the created record's message follows the model rename: ${JSON.stringify(afterRename)}`,
      );
      assert.ok(
        (afterRename.followers[seededItem] ?? 0) >= 1,
        `and its follower: ${JSON.stringify(afterRename)}`,
      );
      assert.ok(
        (afterRename.links[seededItem] ?? 0) >= 1,
        `and its many2many links, in the renamed relation table: ${JSON.stringify(afterRename)}`,
      );
      const byModule = new Map(result.results.map((r) => [r.module, r]));
      const good = byModule.get('forge_probe_renamed');
      const bad = byModule.get('forge_probe_retyped');
      assert.ok(good && bad, summary);
      assert.equal(good.fromVersion, `${series}.1.0.0`);
      assert.equal(good.toVersion, `${series}.1.1.0`);
      assert.deepEqual(good.comparison.losses, [], `the migrated rename loses nothing\n${summary}`);
      assert.deepEqual(
        good.comparison.carried.map((c) => `${c.kind} ${c.field} ${c.from}->${c.to} ${c.values}`).sort(),
        ['field-renamed page_count pages->page_count 4', 'selection-mapped state draft->new 3'],
        summary,
      );
      assert.equal(
        good.comparison.survived.records,
        4,
        'the three demo records and the created one survived',
      );
      assert.deepEqual(
        bad.comparison.losses.map(
          (l) => `${l.kind} ${l.model}.${l.field ?? ''} records=${l.records} values=${l.values}`,
        ),
        ['field-retyped forge.probe.retyped.rate records=3 values=3'],
        summary,
      );
      assert.ok(
        bad.comparison.carried.some(
          (c) => c.kind === 'field-converted' && c.field === 'note' && c.to === 'text',
        ),
        `char → text is converted in place by Odoo\n${summary}`,
      );
      const movedResult = byModule.get('forge_probe_moved');
      const droppedResult = byModule.get('forge_probe_dropped');
      assert.ok(movedResult && droppedResult, summary);
      assert.deepEqual(
        movedResult.comparison.losses,
        [],
        `the migrated model rename loses nothing\n${summary}`,
      );
      assert.deepEqual(
        movedResult.comparison.carried.map((c) => `${c.kind} ${c.from}->${c.to} ${c.values}`),
        ['model-renamed forge.probe.item->forge.probe.thing 4'],
        summary,
      );
      assert.equal(movedResult.comparison.survived.records, 4, 'the renamed model kept its four records');
      assert.ok(movedResult.comparison.survived.values >= 8, summary);
      assert.deepEqual(
        droppedResult.comparison.losses.map((l) => `${l.kind} ${l.model} records=${l.records}`),
        ['model-removed forge.probe.gone records=4'],
        summary,
      );
      assert.match(droppedResult.comparison.losses[0]?.message ?? '', /renamed_from: forge\.probe\.gone/);
      assert.equal(result.ok, false, 'a stage with a loss fails');
      assert.match(summary, /forge\.probe\.retyped\.rate/);
    },
  );
}

test(
  'Odoo 18.0: the upgrade stage of actions/test reports an update that fails on a cast with the values the new type cannot take',
  { timeout: 15 * 60_000 },
  async (t) => {
    const tree = odooTreeOrSkip(t, '18.0', 'the upgrade stage on a failing cast');
    if (!tree) return;
    const pg = await localPostgresOrSkip(t, 'the upgrade stage on a failing cast');
    if (!pg) return;
    const work = mkdtempSync(join(tmpdir(), 'forge-upgrade-cast-'));
    t.after(() => rmSync(work, { recursive: true, force: true }));
    // A repository whose base commit holds version 1 and whose head holds version 3.
    const repo = join(work, 'repo');
    const addons = join(repo, 'addons');
    writeAddons(addons, [probeSpec('probe-retyped-v1')]);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'v1');
    const baseSha = git(repo, 'rev-parse', 'HEAD');
    rmSync(join(addons, 'forge_probe_retyped'), { recursive: true });
    writeAddons(addons, [probeSpec('probe-retyped-v3')]);
    git(repo, 'add', '-A');
    git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'v3');
    const teardown = new Teardown();
    t.after(() => teardown.runAll());

    const started = Date.now();
    const stage = await upgradeStage.run({
      series: '18.0',
      modules: ['forge_probe_retyped'],
      odoo: { kind: 'source', sourceDir: tree.root },
      addonsDirs: [addons],
      workspace: repo,
      baseSha,
      mode: 'local',
      workDir: join(work, 'scratch'),
      logger: silentLogger,
      teardown,
      env: process.env,
    });
    t.diagnostic(
      `Odoo ${tree.version}: install + failed update in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    assert.equal(stage.conclusion, 'failure', stage.summary);
    // The demo's "A-12" and "B-34", and the created record's "Test value" (the generated tests' char).
    assert.equal(stage.title, 'forge_probe_retyped: 1 loss(es), 3 value(s) would be lost', stage.summary);
    assert.match(
      stage.summary,
      /the update to the head version failed on Odoo 18\.0.*invalid input syntax for type integer/,
    );
    assert.match(stage.summary, /\| field-retyped \| forge\.probe\.retyped \| code \| 3 \| 3 \|/);
    assert.match(stage.summary, /code = "A-12"/);
    assert.match(
      stage.summary,
      /- forge\.probe\.retyped #\d+: code, name, note, rate\n/,
      'the summary lists the record the stage created',
    );
    assert.deepEqual(
      stage.annotations.map((a) => `${a.path}:${a.line} ${a.title ?? ''}`),
      ['addons/forge_probe_retyped/__manifest__.py:1 field-retyped: forge.probe.retyped.code'],
    );
  },
);

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

interface RenamedModelRows {
  /** mail_message rows of forge.probe.thing per record id, and those still naming forge.probe.item. */
  messages: Record<number, number>;
  oldMessages: number;
  /** mail_followers rows of forge.probe.thing per record id. */
  followers: Record<number, number>;
  /** Rows of tag_ids' relation table (as ir_model_fields names it after the update) per record id. */
  links: Record<number, number>;
}

/** Reads, with psql, the mail rows and many2many links of the renamed model forge.probe.thing. */
function renamedModelRows(pg: LocalPostgres, database: string): RenamedModelRows {
  const psql = (sql: string): string =>
    execFileSync('psql', ['-X', '-d', database, '-v', 'ON_ERROR_STOP=1', '-tAc', sql], {
      env: {
        ...process.env,
        PGHOST: pg.host,
        PGPORT: String(pg.port),
        PGUSER: pg.user,
        PGPASSWORD: pg.password,
      },
      encoding: 'utf8',
    }).trim();
  const perRecord = (sql: string): Record<number, number> =>
    JSON.parse(psql(`SELECT coalesce(json_object_agg(k, n), '{}') FROM (${sql}) x`)) as Record<
      number,
      number
    >;
  const field = psql(
    `SELECT relation_table || ',' || column1 FROM ir_model_fields WHERE model = 'forge.probe.thing' AND name = 'tag_ids'`,
  );
  const [table, column] = field.split(',');
  assert.ok(
    table && column,
    `tag_ids of forge.probe.thing has a relation table after the update: "${field}"`,
  );
  return {
    messages: perRecord(
      `SELECT res_id AS k, count(*) AS n FROM mail_message WHERE model = 'forge.probe.thing' GROUP BY res_id`,
    ),
    oldMessages: Number(psql(`SELECT count(*) FROM mail_message WHERE model = 'forge.probe.item'`)),
    followers: perRecord(
      `SELECT res_id AS k, count(*) AS n FROM mail_followers WHERE res_model = 'forge.probe.thing' GROUP BY res_id`,
    ),
    links: perRecord(`SELECT "${column}" AS k, count(*) AS n FROM "${table}" GROUP BY 1`),
  };
}
