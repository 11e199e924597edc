import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { checkFiles } from '../../core/checker/check-files.js';
import { ProcessPythonFacts } from '../../runner/addon-reader/python-facts-process.js';
import { fixturesRoot } from './fixture-table.js';

// The pure entry point, as the generator's tests and the app call it: files in memory.

function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return files;
}

const python = new ProcessPythonFacts();
const clean = readTree(join(fixturesRoot, 'clean', 'forge_clean'));

test('checkFiles finds nothing wrong in the clean addon held in memory', async () => {
  const result = await checkFiles(clean, { module: 'forge_clean', python });
  assert.deepEqual(result.findings, []);
  assert.equal(result.series, '18.0');
});

test('checkFiles reports an edited view and a broken python file with their lines', async () => {
  const files = new Map(clean);
  const views = files.get('views/forge_item_views.xml') ?? '';
  files.set('views/forge_item_views.xml', views.replace('<field name="name"/>', '<field name="title"/>'));
  const brokenPython = `${files.get('models/forge_item.py') ?? ''}\ndef broken(:\n`;
  files.set('models/forge_item.py', brokenPython);
  const result = await checkFiles(files, { module: 'forge_clean', python });
  const rules = result.findings.map((f) => `${f.rule}@${f.file}`);
  assert.ok(rules.includes('python-syntax-error@models/forge_item.py'), rules.join(', '));
  const syntax = result.findings.find((f) => f.rule === 'python-syntax-error');
  assert.equal(syntax?.line, brokenPython.split('\n').indexOf('def broken(:') + 1);
  // The model cannot be read while its file does not parse: the view is not judged on a guess.
  assert.equal(result.findings.filter((f) => f.rule === 'view-unknown-field').length, 0);

  files.set('models/forge_item.py', clean.get('models/forge_item.py') ?? '');
  const second = await checkFiles(files, { module: 'forge_clean', python });
  assert.deepEqual(
    second.findings.map((f) => [f.rule, f.file, f.line]),
    [['view-unknown-field', 'views/forge_item_views.xml', 14]],
  );
});

test('checkFiles applies the series it is given over the manifest version', async () => {
  const files = new Map(clean);
  files.set(
    'views/forge_item_views.xml',
    (files.get('views/forge_item_views.xml') ?? '')
      .replace(/<list>/, '<tree>')
      .replace(
        /<\/list>\n {8}<\/field>\n {4}<\/record>\n\n {4}<record id="forge_item_view_search"/,
        '</tree>\n        </field>\n    </record>\n\n    <record id="forge_item_view_search"',
      ),
  );
  const result = await checkFiles(files, { module: 'forge_clean', python, series: '18.0' });
  assert.deepEqual(
    result.findings.map((f) => f.rule),
    ['view-tree-removed'],
  );
});

test('checkFiles reports a missing manifest, and a CSV that does not parse as an error (Odoo reads it otherwise)', async () => {
  const noManifest = new Map(clean);
  noManifest.delete('__manifest__.py');
  const missing = await checkFiles(noManifest, { module: 'forge_clean', python });
  assert.deepEqual(
    missing.findings.map((f) => [f.rule, f.severity]),
    [['manifest-missing', 'error']],
  );

  const badCsv = new Map(clean);
  badCsv.set(
    'security/ir.model.access.csv',
    `${clean.get('security/ir.model.access.csv') ?? ''}"unclosed,x\n`,
  );
  const result = await checkFiles(badCsv, { module: 'forge_clean', python });
  const csv = result.findings.filter((f) => f.rule === 'csv-invalid');
  assert.equal(csv.length, 1);
  assert.equal(csv[0]?.severity, 'error');
});
