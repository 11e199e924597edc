// The menus browser check of a deploy's health, on real Podman, real Odoo 18 and Swift's S3:
// a `shelf` addon whose menu opens a list and a kanban deploys with both views checked in
// Chromium; its next version, whose kanban the web client refuses (no 'card' template, which
// the server accepts), fails the deploy on the browser check alone and the backup is restored.
// Without Chromium the check is skipped with a warning, and `browser_check:` is read per environment.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseForgeConfig } from '../../../core/config/forge-config.js';
import { deployBrowserCheck } from '../../../runner/deploy/deploy-browser-check.js';
import type { DeployResult } from '../../../runner/deploy/deploy-environment.js';
import { defaultPostgresImage, defaultRuntimeImage } from '../../../runner/stack/stack-settings.js';
import { cli } from '../../support/in-process-cli.js';
import { odooTreeOrSkip } from '../../support/odoo-trees.js';
import { swiftS3OrSkip } from '../../support/swift-s3-server.js';
import { engineOrSkip } from '../helpers/engine.js';
import { adminRpc } from './odoo-rpc.js';

/** Addon `shelf` (Odoo 18): menu Shelf/Items opens a list and a kanban; version 2's kanban has no card. */
function writeShelf(dir: string, version: 1 | 2): void {
  const root = join(dir, 'shelf');
  mkdirSync(join(root, 'security'), { recursive: true });
  mkdirSync(join(root, 'views'), { recursive: true });
  writeFileSync(
    join(root, '__manifest__.py'),
    `{"name": "Shelf", "version": "18.0.1.${version - 1}.0", "depends": ["base"], "license": "LGPL-3",
 "data": ["security/ir.model.access.csv", "views/item_views.xml"], "installable": True}\n`,
  );
  writeFileSync(join(root, '__init__.py'), 'from . import models\n');
  writeFileSync(
    join(root, 'models.py'),
    'from odoo import fields, models\n\n\nclass Item(models.Model):\n    _name = "shelf.item"\n    _description = "Item"\n\n    name = fields.Char(required=True)\n',
  );
  writeFileSync(
    join(root, 'security', 'ir.model.access.csv'),
    'id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\naccess_shelf_item,shelf.item,model_shelf_item,base.group_user,1,1,1,1\n',
  );
  const card = version === 1 ? '<templates><t t-name="card"><field name="name"/></t></templates>' : '';
  writeFileSync(
    join(root, 'views', 'item_views.xml'),
    `<odoo>
  <record id="shelf_item_list" model="ir.ui.view">
    <field name="name">shelf.item.list</field>
    <field name="model">shelf.item</field>
    <field name="arch" type="xml"><list><field name="name"/></list></field>
  </record>
  <record id="shelf_item_kanban" model="ir.ui.view">
    <field name="name">shelf.item.kanban</field>
    <field name="model">shelf.item</field>
    <field name="arch" type="xml"><kanban><field name="name"/>${card}</kanban></field>
  </record>
  <record id="shelf_item_action" model="ir.actions.act_window">
    <field name="name">Items</field>
    <field name="res_model">shelf.item</field>
    <field name="view_mode">list,kanban,form</field>
  </record>
  <menuitem id="shelf_menu_root" name="Shelf"/>
  <menuitem id="shelf_menu_items" name="Items" parent="shelf_menu_root" action="shelf_item_action"/>
</odoo>
`,
  );
}

test('browser_check is read per environment: a boolean, anything else named by its key path', () => {
  const environment = (extra: Record<string, unknown>) => ({
    environments: {
      qa: {
        branch: 'qa',
        runner_labels: ['self-hosted'],
        odoo: '18.0',
        backup: { bucket: 'acme-backups' },
        ...extra,
      },
    },
  });
  const off = parseForgeConfig(environment({ browser_check: false }));
  assert.ok(off.ok);
  assert.equal(off.config.environments['qa']?.browser_check, false);
  const bad = parseForgeConfig(environment({ browser_check: 'yes' }));
  assert.equal(bad.ok, false);
  assert.match(JSON.stringify(bad), /environments\.qa\.browser_check.*expected true or false/);
});

test('without Chromium the browser check is skipped with a warning that says so', async () => {
  const warnings: string[] = [];
  const check = await deployBrowserCheck({
    url: 'http://127.0.0.1:9',
    database: 'forge',
    series: '18.0',
    modules: ['shelf'],
    executablePath: '/nonexistent/chromium',
    logger: { info: () => {}, debug: () => {}, warn: (line) => warnings.push(line) },
  });
  assert.equal(check.state, 'skipped');
  assert.match(warnings.join('\n'), /browser check skipped: no Chromium at \/nonexistent\/chromium/);
});

test(
  'Odoo 18 deploy health: the menus pass in Chromium, then a kanban the web client refuses fails the deploy and the backup is restored',
  { timeout: 30 * 60_000 },
  async (t) => {
    const tree = odooTreeOrSkip(t, '18.0', 'deploy browser check (real Odoo)');
    if (!tree) return;
    const driver = await engineOrSkip(t, [
      defaultPostgresImage(process.env),
      defaultRuntimeImage('18.0', process.env),
    ]);
    if (!driver) return;
    const swift = await swiftS3OrSkip(t, 'deploy browser check');
    if (!swift) return;
    const work = mkdtempSync(join(tmpdir(), 'forge-deploy-browser-'));
    const s3 = swift.settings;
    const config = join(work, 'forge.yml');
    writeFileSync(
      config,
      [
        'environments:',
        '  shelfqa:',
        '    branch: shelfqa',
        '    runner_labels: [self-hosted]',
        '    odoo: "18.0"',
        `    odoo_src: ${tree.root}`,
        '    mail_catcher: false',
        '    backup:',
        `      bucket: ${s3.bucket}`,
        `      endpoint: ${s3.endpoint}`,
        '',
      ].join('\n'),
    );
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    };
    const flags = ['--config', config, '--home', join(work, 'home')];
    t.after(async () => {
      await cli(['env', 'down', 'shelfqa', '--purge', ...flags], env);
      await swift.stop();
      rmSync(work, { recursive: true, force: true });
    });
    const up = await cli(['env', 'up', 'shelfqa', ...flags], env);
    assert.equal(up.code, 0, up.err);
    const deploy = async (version: 1 | 2) => {
      const dir = join(work, `v${version}`);
      mkdirSync(dir, { recursive: true });
      writeShelf(dir, version);
      const ran = await cli(['deploy', 'shelfqa', '--addons', dir, '--no-drill', '--json', ...flags], env);
      assert.ok(ran.out.startsWith('{'), ran.err + ran.out);
      const result = JSON.parse(ran.out) as DeployResult;
      t.diagnostic(
        `deploy v${version}: ${result.outcome} in ${result.seconds.toFixed(1)} s, browser check ${JSON.stringify(result.browserCheck)}`,
      );
      return { code: ran.code, result };
    };

    const v1 = await deploy(1);
    assert.equal(v1.code, 0, JSON.stringify(v1.result.problems));
    assert.equal(v1.result.outcome, 'deployed');
    const passed = v1.result.browserCheck;
    assert.equal(passed?.state, 'ran');
    assert.equal(passed.menus, 1);
    assert.equal(passed.steps, 2, 'the list and the kanban of Shelf/Items');
    assert.deepEqual(passed.failures, []);

    const v2 = await deploy(2);
    assert.equal(v2.code, 1);
    assert.equal(v2.result.outcome, 'restored');
    // The update itself passed: only the browser check found the broken kanban.
    assert.deepEqual(v2.result.plan.update, ['shelf']);
    assert.equal(v2.result.problems.length, 1, v2.result.problems.join('\n'));
    assert.match(
      v2.result.problems[0] ?? '',
      /^browser check: admin: Shelf\/Items \(kanban\) failed: .*Missing 'card' template/,
    );
    assert.equal(v2.result.browserCheck?.state, 'ran');
    // Restored: v1 serves again, at its version.
    const rpc = await adminRpc(v2.result.url);
    const [shelf] = await rpc<{ latest_version: string; state: string }[]>(
      'ir.module.module',
      'search_read',
      [[['name', '=', 'shelf']]],
      { fields: ['latest_version', 'state'] },
    );
    assert.deepEqual([shelf?.state, shelf?.latest_version], ['installed', '18.0.1.0.0']);
  },
);
