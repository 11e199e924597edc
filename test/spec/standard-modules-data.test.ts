import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { standardModules, type StandardModules } from '../../core/odoo/standard-modules/standard-modules.js';
import { odooTreeOrSkip, supportedSeries } from '../support/odoo-trees.js';

const script = fileURLToPath(new URL('../../scripts/collect_standard_modules.py', import.meta.url));

for (const series of supportedSeries) {
  describe(`the standard modules data of Odoo ${series}`, () => {
    it('matches what the script collects from the modules a real tree holds in full', (t) => {
      const tree = odooTreeOrSkip(t, series, 'the data is compared with the full modules of a real tree');
      if (!tree) return;
      const out = mkdtempSync(join(tmpdir(), 'forge-standard-modules-'));
      t.after(() => rmSync(out, { recursive: true, force: true }));
      const file = join(out, 'collected.json');
      // The reduced trees hold base, web, mail, contacts and their dependencies in full; the
      // other manifests are stubs (installable: False), which the script leaves out.
      execFileSync(
        'python3',
        [script, '--series', series, '--source', 'test', '--out', file, ...tree.addonsPaths],
        {
          env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      const collected = JSON.parse(readFileSync(file, 'utf8')) as StandardModules;
      const data = standardModules(series);
      assert.ok(data, `no data for ${series}`);
      const full = Object.keys(collected.modules);
      for (const module of ['base', 'web', 'mail', 'contacts']) assert.ok(full.includes(module), module);
      for (const module of full) assert.deepEqual(data.modules[module], collected.modules[module], module);
    });

    it('knows the models, groups and views the examples rely on', () => {
      const data = standardModules(series);
      assert.ok(data);
      assert.equal(data.series, series);
      assert.ok(data.modules['base']?.models?.includes('res.partner'));
      assert.ok(data.modules['base']?.groups?.includes('group_user'));
      assert.ok(data.modules['base']?.views?.includes('view_partner_form'));
      assert.ok(data.modules['mail']?.models?.includes('mail.thread'));
      assert.deepEqual(data.modules['contacts']?.depends, ['base', 'mail']);
      assert.ok(data.modules['sale']?.depends?.includes('sales_team'));
    });
  });
}
