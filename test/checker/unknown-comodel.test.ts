import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import type { Finding } from '../../core/findings/finding.js';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { runLocalOdoo } from '../../runner/local-odoo/run-local-odoo.js';
import { odooTreeOrSkip, supportedSeries } from '../support/odoo-trees.js';

/** A hand-written addon in `root`: one model with the given field lines, its access row. */
function writeAddon(root: string, name: string, series: string, depends: string[], fields: string): void {
  const dir = join(root, name);
  mkdirSync(join(dir, 'models'), { recursive: true });
  mkdirSync(join(dir, 'security'));
  writeFileSync(
    join(dir, '__manifest__.py'),
    `{'name': 'Loans', 'version': '${series}.1.0.0', 'license': 'LGPL-3', 'author': 'Forge',\n` +
      ` 'depends': ${JSON.stringify(depends)}, 'data': ['security/ir.model.access.csv'], 'installable': True}\n`,
  );
  writeFileSync(join(dir, '__init__.py'), 'from . import models\n');
  writeFileSync(join(dir, 'models', '__init__.py'), 'from . import loan\n');
  const model = name.replace('_', '.');
  writeFileSync(
    join(dir, 'models', 'loan.py'),
    'from odoo import fields, models\n\n\nclass Loan(models.Model):\n' +
      `    _name = '${model}'\n    _description = 'Loan'\n\n    name = fields.Char()\n` +
      fields,
  );
  writeFileSync(
    join(dir, 'security', 'ir.model.access.csv'),
    'id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n' +
      `access_${name},${model} user,model_${name},base.group_user,1,1,1,1\n`,
  );
}

/** The addons of the cases below, checked in one run on the addons path of a real tree. */
const ADDONS: readonly [name: string, depends: string[], fields: string][] = [
  [
    'forge_typo',
    ['mail'],
    "    partner_id = fields.Many2one('res.partnr')\n    tag_ids = fields.Many2many(comodel_name='res.partner.category')\n",
  ],
  ['forge_nodep', ['mail'], "    order_id = fields.Many2one('sale.order')\n"],
  ['forge_stubdep', ['mail', 'product'], "    product_id = fields.Many2one('product.product')\n"],
  ['forge_custom', ['mail', 'my_custom_addon'], "    thing_id = fields.Many2one('res.partnr')\n"],
  ['forge_nodepends', [], "    partner_id = fields.Many2one('res.partner')\n"],
  [
    'forge_related',
    ['mail'],
    "    partner_id = fields.Many2one('res.partner')\n" +
      "    tag_ids = fields.Many2many('Tags', related='partner_id.category_id')\n",
  ],
];

for (const series of supportedSeries) {
  describe(`the checker on Odoo ${series}: comodels of hand-written addons`, () => {
    const comodelFindings = async (t: TestContext): Promise<Map<string, Finding[]> | undefined> => {
      const tree = odooTreeOrSkip(
        t,
        series,
        'the checker resolves comodels on the addons path of a real tree',
      );
      if (!tree) return undefined;
      const root = mkdtempSync(join(tmpdir(), 'forge-comodel-'));
      t.after(() => rmSync(root, { recursive: true, force: true }));
      for (const [name, depends, fields] of ADDONS) writeAddon(root, name, series, depends, fields);
      const dirs = ADDONS.map(([name]) => join(root, name));
      const result = await checkAddons(dirs, { series, addonsPath: [...tree.addonsPaths, root] });
      const byAddon = new Map<string, Finding[]>(ADDONS.map(([name]) => [name, []]));
      for (const finding of result.findings) byAddon.get(finding.file.split('/')[0] ?? '')?.push(finding);
      return byAddon;
    };

    it('sets its severity by what Odoo does: the addon installs, with a WARNING about the comodel', async (t) => {
      const tree = odooTreeOrSkip(t, series, 'an addon with an unknown comodel is installed on a real Odoo');
      if (!tree) return;
      const root = mkdtempSync(join(tmpdir(), 'forge-comodel-odoo-'));
      t.after(() => rmSync(root, { recursive: true, force: true }));
      writeAddon(root, 'forge_comodel', series, ['base'], "    partner_id = fields.Many2one('res.partnr')\n");
      const run = await runLocalOdoo({
        odooSrc: tree.root,
        addonsDirs: [root],
        modules: ['forge_comodel'],
        dependencies: ['base'],
        tests: false,
        timeoutMs: 5 * 60_000,
      });
      assert.equal(run.report.installed, true, run.log.slice(-3000));
      assert.deepEqual(run.report.installErrors, []);
      assert.equal(run.exitCode, 0);
      const warnings = run.report.warnings.map((record) => record.message);
      assert.ok(
        warnings.some((message) =>
          /forge\.comodel\.partner_id with unknown comodel_name 'res\.partnr'/.test(message),
        ),
        warnings.join('\n'),
      );
      const checked = await checkAddons([join(root, 'forge_comodel')], {
        series,
        addonsPath: [...tree.addonsPaths, root],
      });
      assert.deepEqual(
        checked.findings.filter((f) => f.rule === 'field-unknown-comodel').map((f) => f.severity),
        ['warning'],
      );
    });

    it('reports an unknown comodel when every dependency is known, and nothing when one is not', async (t) => {
      const byAddon = await comodelFindings(t);
      if (!byAddon) return;
      const unknown = (name: string) =>
        (byAddon.get(name) ?? []).filter((f) => f.rule === 'field-unknown-comodel');
      const all = [...byAddon.values()]
        .flat()
        .map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`)
        .join('\n');

      // A typo: the line of the field, a warning (Odoo 16-18 only log it), a did you mean.
      assert.deepEqual(
        unknown('forge_typo').map((f) => [f.file, f.line, f.severity]),
        [['forge_typo/models/loan.py', 9, 'warning']],
        all,
      );
      assert.match(
        unknown('forge_typo')[0]?.message ?? '',
        /forge\.typo\.partner_id .*'res\.partnr'.*did you mean 'res\.partner'\?/,
      );
      // A standard model of a module outside the dependencies: the module to add.
      assert.equal(unknown('forge_nodep').length, 1, all);
      assert.match(unknown('forge_nodep')[0]?.message ?? '', /add sale to the manifest's depends/);
      // A dependency known only as a manifest stub of a standard module: its models are known.
      assert.deepEqual(unknown('forge_stubdep'), [], all);
      // A dependency missing from the addons path may define anything: nothing is concluded.
      assert.ok(
        (byAddon.get('forge_custom') ?? []).some((f) => f.rule === 'manifest-depends-missing'),
        all,
      );
      assert.deepEqual(unknown('forge_custom'), [], all);
      // base comes with every module, even without depends; a related field follows its target.
      assert.deepEqual(unknown('forge_nodepends'), [], all);
      assert.deepEqual(unknown('forge_related'), [], all);
    });
  });
}
