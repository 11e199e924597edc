import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { generate } from '../../../core/generator/generate.js';
import { parseSpec } from '../../../core/spec/parse-spec.js';

const examples = new URL('../../../examples/', import.meta.url).pathname;

/** A fresh addons folder (readable by the container's user), removed after the test. */
export function addonsFolder(t: TestContext, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes the library example addon (`library_loans`) as the generator writes it for `series` into `dir`. */
export function writeLibrary(dir: string, series: string): void {
  const parsed = parseSpec(readFileSync(join(examples, 'library.yaml'), 'utf8'));
  assert.ok(parsed.ok, 'examples/library.yaml parses');
  const spec = { ...parsed.spec, odoo: series as typeof parsed.spec.odoo };
  for (const [path, contents] of generate(spec)) {
    mkdirSync(dirname(join(dir, 'library_loans', path)), { recursive: true });
    writeFileSync(join(dir, 'library_loans', path), contents);
  }
}

/**
 * `partner_ext`: an addon whose inherited partner form puts a field after one that is not in
 * the parent view, so its install fails ("Element ... cannot be located in parent view") and it
 * stays uninstalled. It depends on `depends` (so, after library_loans, that one loads first).
 */
export function writeBrokenPartnerExt(dir: string, series: string, depends: string[] = ['base']): void {
  const root = join(dir, 'partner_ext');
  mkdirSync(join(root, 'views'), { recursive: true });
  writeFileSync(
    join(root, '__manifest__.py'),
    `{\n    "name": "Partner extension (broken view)",\n    "version": "${series}.1.0.0",\n    "license": "LGPL-3",\n    "depends": ${JSON.stringify(depends)},\n    "data": ["views/res_partner_views.xml"],\n    "installable": True,\n}\n`,
  );
  writeFileSync(join(root, '__init__.py'), '');
  writeFileSync(
    join(root, 'views', 'res_partner_views.xml'),
    `<?xml version="1.0" encoding="utf-8"?>
<odoo>
    <record id="view_partner_form_ext" model="ir.ui.view">
        <field name="name">res.partner.form.partner_ext</field>
        <field name="model">res.partner</field>
        <field name="inherit_id" ref="base.view_partner_form"/>
        <field name="arch" type="xml">
            <field name="x_forge_no_such_field" position="after">
                <field name="comment"/>
            </field>
        </field>
    </record>
</odoo>
`,
  );
}
