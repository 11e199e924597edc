// `check --addons-path <a real Odoo tree>` refuses what installs can never do, reading only files
// (no Odoo run): an inheriting view that locates a field the inherited view does not hold (a
// spec's `extend[].view.after`), and a test that takes a demo record (tests run without demo data).
// On each series, through the built CLI, against the real base of the tree.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { odooTreeOrSkip, supportedSeries } from '../support/odoo-trees.js';
import { builtCli } from './built-cli.js';

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** An addon extending res.partner and its form, with one locator per `after`, and one test per ref. */
function extendAddon(
  series: string,
  afters: string[],
  xpath: string,
  refs: string[],
): Record<string, string> {
  const locators = afters
    .map(
      (after) => `                <field name="${after}" position="after"><field name="loan_note"/></field>`,
    )
    .join('\n');
  const tests = refs
    .map((ref, i) => `    def test_${i}(self):\n        self.assertTrue(self.env.ref('${ref}'))\n`)
    .join('\n');
  return {
    '__init__.py': 'from . import models\n',
    '__manifest__.py': `{'name': 'Partner Loans', 'version': '${series}.1.0.0', 'license': 'LGPL-3', 'depends': ['base'], 'data': ['views/res_partner_views.xml']}\n`,
    'models/__init__.py': 'from . import res_partner\n',
    'models/res_partner.py':
      "from odoo import fields, models\n\n\nclass ResPartner(models.Model):\n    _inherit = 'res.partner'\n\n    loan_note = fields.Char()\n",
    'views/res_partner_views.xml': `<?xml version="1.0" encoding="utf-8"?>
<odoo>
    <record id="res_partner_view_form" model="ir.ui.view">
        <field name="name">res.partner.form.inherit.partner_loans</field>
        <field name="model">res.partner</field>
        <field name="inherit_id" ref="base.view_partner_form"/>
        <field name="arch" type="xml">
            <data>
${locators}
                <xpath expr="${xpath}" position="before"><field name="loan_note"/></xpath>
            </data>
        </field>
    </record>
</odoo>
`,
    'tests/__init__.py': 'from . import test_refs\n',
    'tests/test_refs.py': `from odoo.tests.common import TransactionCase\n\n\nclass TestRefs(TransactionCase):\n${tests}`,
  };
}

for (const series of supportedSeries) {
  test(
    `${series}: check --addons-path refuses a locator of a field the inherited view lacks, and a test on a demo record`,
    { timeout: 180_000 },
    async (t) => {
      const tree = odooTreeOrSkip(t, series, 'the inherited view and the demo files come from the real base');
      if (!tree) return;
      const work = mkdtempSync(join(tmpdir(), 'forge-extend-view-'));
      t.after(() => rmSync(work, { recursive: true, force: true }));
      const env = { XDG_CACHE_HOME: join(work, 'cache') };
      const path = ['--addons-path', tree.addonsPaths.join(','), '--format', 'json'];

      write(
        join(work, 'bad', 'partner_loans'),
        extendAddon(series, ['email', 'no_such_field'], "//field[@name='emial']", [
          'base.partner_admin',
          'base.partner_demo',
        ]),
      );
      const bad = await builtCli(['check', 'bad', ...path], work, env);
      assert.equal(bad.code, 1, bad.stderr);
      const errors = (JSON.parse(bad.stdout) as JsonFinding[]).filter((f) => f.severity === 'error');
      assert.deepEqual(
        errors.map((f) => [f.file, f.rule]),
        [
          ['bad/partner_loans/tests/test_refs.py', 'test-ref-demo'],
          ['bad/partner_loans/views/res_partner_views.xml', 'view-locator-unknown-field'],
          ['bad/partner_loans/views/res_partner_views.xml', 'view-locator-unknown-field'],
        ],
      );
      const [demo, locator, xpath] = errors;
      assert.match(
        demo?.message ?? '',
        /base\.partner_demo, a demo record \(defined in base's demo file data\/res_users_demo\.xml\)/,
      );
      assert.equal(demo?.line, 9, 'the line of the second test, the one with the demo ref');
      assert.match(locator?.message ?? '', /base\.view_partner_form has no <field name="no_such_field">/);
      assert.match(xpath?.message ?? '', /no <field name="emial">.*did you mean "email"\?/);

      // The same addon with fields the form holds and a data record: no error.
      write(
        join(work, 'good', 'partner_loans'),
        extendAddon(series, ['email', 'vat'], "//field[@name='phone']", ['base.partner_admin']),
      );
      const good = await builtCli(['check', 'good', ...path], work, env);
      assert.equal(good.code, 0, good.stdout);
      assert.deepEqual(
        (JSON.parse(good.stdout) as JsonFinding[]).filter((f) => f.severity === 'error'),
        [],
      );

      // Without the addons path the inherited view and base's demo files are unknown: not judged.
      const alone = await builtCli(['check', 'bad', '--format', 'json'], work, env);
      assert.equal(alone.code, 0, alone.stdout);
    },
  );
}
