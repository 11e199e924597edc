import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { generate } from '../../core/generator/generate.js';
import type { FieldType, ModuleSpec } from '../../core/spec/module-spec.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { viewFieldProblems, xmlRefProblems } from './support/addon-references.js';
import { checkPythonBatch, type PythonJob } from './support/python-batch.js';
import { randomSpecArbitrary } from './support/random-spec.js';
import { readXml } from './support/read-xml.js';

/**
 * Property: for hundreds of random VALID specs (all three series), every generated file is
 * well-formed for the tool that will read it: Python for a real Python, XML for a strict XML
 * parser, CSV for csv-parse; the manifest lists only files that exist; generation is
 * deterministic; and the addon checker finds no error in a sample of the addons.
 *
 * Reproduce a failure with FORGE_PROPERTY_SEED=<seed> (and FORGE_PROPERTY_RUNS=<n>).
 */
/** Odoo's field class for each spec type (odoo/fields.py). */
const FIELD_CLASSES: Record<FieldType, string> = {
  char: 'Char',
  text: 'Text',
  html: 'Html',
  integer: 'Integer',
  float: 'Float',
  monetary: 'Monetary',
  boolean: 'Boolean',
  date: 'Date',
  datetime: 'Datetime',
  selection: 'Selection',
  binary: 'Binary',
  image: 'Image',
  many2one: 'Many2one',
  one2many: 'One2many',
  many2many: 'Many2many',
};

const SEED = Number(process.env['FORGE_PROPERTY_SEED'] ?? 20261123);
const RUNS = Number(process.env['FORGE_PROPERTY_RUNS'] ?? 300);
/** Specs per python process. */
const BATCH = 100;
/** One spec in CHECKER_EVERY goes through the addon checker. */
const CHECKER_EVERY = 10;

interface Case {
  index: number;
  yaml: string;
  spec: ModuleSpec;
  files: Map<string, string>;
}

const cases: Case[] = [];
const invalid: string[] = [];
let firstInvalidYaml = '';
const pythonErrors: string[] = [];
const manifests = new Map<number, Record<string, unknown>>();
const nondeterministic: string[] = [];
let pythonJobs = 0;

function where(item: Case, path: string): string {
  return `spec #${item.index} (${item.spec.odoo}, ${item.spec.module.name}) ${path}`;
}

/** The YAML of the first failing spec, to read or to feed to `odoo-forge generate`. */
function firstSpec(failures: readonly string[]): string {
  const index = Number(/spec #(\d+)/.exec(failures[0] ?? '')?.[1] ?? -1);
  const item = cases.find((candidate) => candidate.index === index);
  return item ? `\n--- first failing spec (FORGE_PROPERTY_SEED=${SEED}) ---\n${item.yaml}` : '';
}

function assertNone(failures: readonly string[], what: string): void {
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} ${what}${firstSpec(failures)}`);
}

describe(`generated addons are well-formed (${RUNS} random specs, FORGE_PROPERTY_SEED=${SEED})`, () => {
  before(async () => {
    const specs = fc.sample(randomSpecArbitrary(), { seed: SEED, numRuns: RUNS });
    specs.forEach((random, index) => {
      const yaml = stringify(random);
      const parsed = parseSpec(yaml);
      if (!parsed.ok) {
        if (invalid.length === 0) firstInvalidYaml = yaml;
        invalid.push(
          `spec #${index}: ${parsed.errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`,
        );
        return;
      }
      const files = generate(parsed.spec);
      const again = generate(structuredClone(parsed.spec));
      if (JSON.stringify([...files]) !== JSON.stringify([...again])) nondeterministic.push(`spec #${index}`);
      cases.push({ index, yaml, spec: parsed.spec, files });
    });
    for (let start = 0; start < cases.length; start += BATCH) {
      const jobs: PythonJob[] = [];
      for (const item of cases.slice(start, start + BATCH)) {
        const minPython: [number, number] = item.spec.odoo === '16.0' ? [3, 7] : [3, 10];
        for (const [path, source] of item.files) {
          if (path.endsWith('.py'))
            jobs.push({
              path: where(item, path),
              source,
              kind: path === '__manifest__.py' ? 'manifest' : 'module',
              minPython,
            });
          if (path.endsWith('.xml')) {
            let expressions: { where: string; source: string }[] = [];
            try {
              expressions = readXml(source).expressions;
            } catch {
              continue; // reported by the XML test
            }
            for (const expression of expressions)
              jobs.push({
                path: where(item, `${path} ${expression.where}: ${expression.source}`),
                source: expression.source,
                kind: 'expression',
                minPython,
              });
          }
        }
      }
      pythonJobs += jobs.length;
      const results = await checkPythonBatch(jobs);
      results.forEach((result, i) => {
        if (result.error) pythonErrors.push(`${result.path}: ${result.error}`);
        if (result.manifest) {
          const index = Number(/spec #(\d+)/.exec(jobs[i]?.path ?? '')?.[1]);
          manifests.set(index, result.manifest);
        }
      });
    }
  });

  it('has checks that do refuse broken Python, XML and manifests (the harness itself)', async () => {
    const results = await checkPythonBatch([
      { path: 'bad.py', source: 'x = fields.Char(string="a", string="b")\n', kind: 'module' },
      { path: 'return.py', source: 'return 1\n', kind: 'module' },
      { path: 'walrus.py', source: 'if (x := 1):\n    pass\n', kind: 'module', minPython: [3, 7] },
      { path: 'attrs', source: "{'invisible': [('state', 'not in', ['it's'])]}", kind: 'expression' },
      { path: '__manifest__.py', source: '# License\n\n{"data": ["views/a.xml"]}\n', kind: 'manifest' },
    ]);
    assert.match(results[0]?.error ?? '', /SyntaxError/);
    assert.match(results[1]?.error ?? '', /SyntaxError/);
    assert.match(results[2]?.error ?? '', /SyntaxError/);
    assert.match(results[3]?.error ?? '', /SyntaxError/);
    assert.deepEqual(results[4], { path: '__manifest__.py', manifest: { data: ['views/a.xml'] } });
    assert.throws(() => readXml('<odoo><record id="a"></odoo>'), /close tag|unclosed/i);
    assert.throws(() => readXml('<odoo a="1" a="2"/>'), /duplicate|twice|attribute/i);
    assert.throws(() => readXml('<odoo>\u0001</odoo>'), /character/i);
    assert.throws(
      () => parseCsv('a,b\n1,2,3\n', { relax_column_count: false }),
      /number of columns|Invalid Record Length/i,
    );
    const spec: ModuleSpec = {
      spec_version: 1,
      odoo: '18.0',
      module: { name: 'harness', title: 'Harness' },
      models: [
        {
          name: 'harness.item',
          title: 'Item',
          fields: { price: { type: 'monetary' }, currency_id: { type: 'many2one', comodel: 'res.currency' } },
        },
      ],
    };
    const view = (arch: string) =>
      `<odoo><record id="v" model="ir.ui.view"><field name="arch" type="xml">${arch}</field></record></odoo>`;
    const files = new Map([
      ['views/harness_item_views.xml', view('<list><field name="price"/><field name="message_ids"/></list>')],
      [
        'views/menus.xml',
        '<odoo><menuitem id="m" action="harness_item_action"/><record id="harness_item_action" model="ir.actions.act_window"/></odoo>',
      ],
    ]);
    assert.deepEqual(viewFieldProblems(spec, files), [
      'views/harness_item_views.xml v: monetary price without its currency currency_id',
      'views/harness_item_views.xml v: field message_ids is not a field of harness.item',
    ]);
    assert.deepEqual(xmlRefProblems(spec, files, ['views/menus.xml']), [
      'views/menus.xml: harness_item_action is used before it is defined',
    ]);
  });

  it('builds only specs that parseSpec accepts', () => {
    assert.deepEqual(
      invalid.slice(0, 5),
      [],
      `${invalid.length} random specs were refused: the random spec builder (or the validator) is wrong\n--- first refused spec ---\n${firstInvalidYaml}`,
    );
    assert.equal(cases.length, RUNS);
    const series = new Set(cases.map((item) => item.spec.odoo));
    assert.deepEqual([...series].sort(), ['16.0', '17.0', '18.0']);
  });

  it('generates the same bytes twice for the same spec', () => {
    assert.deepEqual(nondeterministic, []);
    for (const item of cases.slice(0, 20)) {
      const reparsed = parseSpec(item.yaml);
      assert.ok(reparsed.ok);
      assert.deepEqual([...generate(reparsed.spec)], [...item.files], `spec #${item.index}`);
    }
  });

  it('writes Python that a real python3 parses and compiles (ast.parse, compile)', () => {
    assert.ok(pythonJobs > cases.length * 5, `only ${pythonJobs} Python sources checked`);
    assertNone(pythonErrors, 'Python sources do not parse');
  });

  it('writes well-formed XML with an <odoo> root', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const item of cases) {
      for (const [path, source] of item.files) {
        if (!path.endsWith('.xml')) continue;
        checked += 1;
        try {
          const facts = readXml(source);
          if (facts.root !== 'odoo') failures.push(`${where(item, path)}: root <${facts.root}>`);
          const duplicates = facts.ids.filter((id, i) => facts.ids.indexOf(id) !== i);
          if (duplicates.length > 0)
            failures.push(`${where(item, path)}: duplicate ids ${duplicates.join(', ')}`);
        } catch (error) {
          failures.push(`${where(item, path)}: ${(error as Error).message}`);
        }
      }
    }
    assert.ok(checked >= cases.length * 2, `only ${checked} XML files checked`);
    assertNone(failures, 'XML files are not well-formed');
  });

  it('writes CSV files that csv-parse reads with one column count', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const item of cases) {
      for (const [path, source] of item.files) {
        if (!path.endsWith('.csv')) continue;
        checked += 1;
        try {
          const rows = parseCsv(source, { relax_column_count: false }) as string[][];
          const widths = new Set(rows.map((row) => row.length));
          if (widths.size !== 1)
            failures.push(`${where(item, path)}: rows of ${[...widths].join(', ')} columns`);
          if (
            path.endsWith('ir.model.access.csv') &&
            rows[0]?.join(',') !==
              'id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink'
          ) {
            failures.push(`${where(item, path)}: header ${rows[0]?.join(',')}`);
          }
          if (rows.length < 2) failures.push(`${where(item, path)}: no data row`);
        } catch (error) {
          failures.push(`${where(item, path)}: ${(error as Error).message}`);
        }
      }
    }
    assert.ok(checked >= cases.length, `only ${checked} CSV files checked`);
    assertNone(failures, 'CSV files are malformed');
  });

  it('lists in the manifest (data, demo) only files that exist, once each', () => {
    const failures: string[] = [];
    for (const item of cases) {
      const manifest = manifests.get(item.index);
      if (!manifest) {
        failures.push(`${where(item, '__manifest__.py')}: not read`);
        continue;
      }
      if (!String(manifest['version']).startsWith(`${item.spec.odoo}.`))
        failures.push(`${where(item, '__manifest__.py')}: version ${String(manifest['version'])}`);
      for (const key of ['data', 'demo']) {
        const listed = (manifest[key] ?? []) as unknown[];
        if (!Array.isArray(listed)) failures.push(`${where(item, '__manifest__.py')}: ${key} is not a list`);
        for (const file of listed)
          if (typeof file !== 'string' || !item.files.has(file))
            failures.push(
              `${where(item, '__manifest__.py')}: ${key} lists ${String(file)}, which is not generated`,
            );
        if (new Set(listed).size !== listed.length)
          failures.push(`${where(item, '__manifest__.py')}: ${key} lists a file twice`);
      }
      const loaded = new Set([
        ...((manifest['data'] ?? []) as string[]),
        ...((manifest['demo'] ?? []) as string[]),
      ]);
      for (const path of item.files.keys()) {
        if (/\.(xml|csv)$/.test(path) && !loaded.has(path))
          failures.push(`${where(item, path)}: generated but not in the manifest`);
      }
    }
    assert.equal(manifests.size, cases.length);
    assertNone(failures, 'manifest problems');
  });

  it('names in views only fields of the model, with the currency of every monetary field', () => {
    const failures = cases.flatMap((item) =>
      viewFieldProblems(item.spec, item.files).map((problem) => where(item, problem)),
    );
    assertNone(failures, 'view field problems');
  });

  it('defines every local XML id before a file loaded later (or below) uses it', () => {
    const failures: string[] = [];
    for (const item of cases) {
      const manifest = manifests.get(item.index);
      const order = [
        ...((manifest?.['data'] ?? []) as string[]),
        ...((manifest?.['demo'] ?? []) as string[]),
      ];
      failures.push(...xmlRefProblems(item.spec, item.files, order).map((problem) => where(item, problem)));
    }
    assertNone(failures, 'XML id problems');
  });

  it('declares every field of the spec once, with the Odoo class of its type', () => {
    const failures: string[] = [];
    for (const item of cases) {
      const owners = [
        ...(item.spec.models ?? []).map((model) => ({ name: model.name, fields: model.fields })),
        ...(item.spec.extend ?? []).map((extension) => ({ name: extension.model, fields: extension.fields })),
      ];
      for (const owner of owners) {
        const path = `models/${owner.name.replace(/\./g, '_')}.py`;
        const declared = [...(item.files.get(path) ?? '').matchAll(/^ {4}(\w+) = fields\.(\w+)\(/gm)].map(
          (match) => `${match[1] ?? ''}: ${match[2] ?? ''}`,
        );
        const expected = Object.entries(owner.fields).map(
          ([name, field]) => `${name}: ${FIELD_CLASSES[field.type]}`,
        );
        if (JSON.stringify(declared) !== JSON.stringify(expected))
          failures.push(
            `${where(item, path)}: declares ${declared.join(', ')}; expected ${expected.join(', ')}`,
          );
      }
    }
    assertNone(failures, 'field declaration problems');
  });

  it('uses in generated tests only fields and buttons of the tested model', () => {
    const failures: string[] = [];
    const orm = new Set(['write', 'exists', 'flush_recordset', 'invalidate_recordset', 'display_name', 'id']);
    for (const item of cases) {
      const owners = [
        ...(item.spec.models ?? []).map((model) => ({
          name: model.name,
          fields: model.fields,
          buttons: (model.workflow?.buttons ?? []).map((button) => button.name),
        })),
        ...(item.spec.extend ?? []).map((extension) => ({
          name: extension.model,
          fields: extension.fields,
          buttons: [] as string[],
        })),
      ];
      for (const owner of owners) {
        const path = `tests/test_${owner.name.replace(/\./g, '_')}.py`;
        const source = item.files.get(path);
        if (source === undefined) continue;
        for (const match of source.matchAll(/\brecord\.(\w+)(\()?/g)) {
          const [name, call] = [match[1] ?? '', match[2] !== undefined];
          const known =
            orm.has(name) || (call ? owner.buttons.includes(name) : owner.fields[name] !== undefined);
          if (!known)
            failures.push(
              `${where(item, path)}: record.${name}${call ? '()' : ''} is not a ${call ? 'button' : 'field'} of ${owner.name}`,
            );
        }
      }
    }
    assertNone(failures, 'generated test problems');
  });

  it('imports from every __init__.py only modules that exist', () => {
    const failures: string[] = [];
    for (const item of cases) {
      for (const [path, source] of item.files) {
        if (!path.endsWith('__init__.py')) continue;
        const folder = path.slice(0, -'__init__.py'.length);
        for (const match of source.matchAll(/^from \. import (\w+)$/gm)) {
          const module = match[1] ?? '';
          if (!item.files.has(`${folder}${module}.py`) && !item.files.has(`${folder}${module}/__init__.py`))
            failures.push(`${where(item, path)}: imports ${module}, which is not generated`);
        }
        const imported = [...source.matchAll(/^from \. import (\w+)$/gm)].map(
          (match) => `${folder}${match[1] ?? ''}.py`,
        );
        for (const file of item.files.keys()) {
          if (
            file.startsWith(folder) &&
            !file.slice(folder.length).includes('/') &&
            file.endsWith('.py') &&
            file !== path &&
            !imported.includes(file) &&
            folder !== ''
          ) {
            failures.push(`${where(item, file)}: not imported by ${path}`);
          }
        }
      }
    }
    assertNone(failures, 'import problems');
  });

  describe('the addon checker', () => {
    const root = mkdtempSync(join(tmpdir(), 'forge-generated-addons-'));
    after(() => rmSync(root, { recursive: true, force: true }));

    it(`finds no error in one generated addon of every ${CHECKER_EVERY}`, async () => {
      // One folder per series, holding addons of distinct names: one checker run per series.
      const names = new Map<string, Set<string>>();
      for (const item of cases.filter((candidate) => candidate.index % CHECKER_EVERY === 0)) {
        const taken = names.get(item.spec.odoo) ?? new Set<string>();
        if (taken.has(item.spec.module.name)) continue;
        taken.add(item.spec.module.name);
        names.set(item.spec.odoo, taken);
        for (const [path, contents] of item.files) {
          const file = join(root, item.spec.odoo, item.spec.module.name, path);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, contents);
        }
      }
      const errors: string[] = [];
      let checked = 0;
      for (const series of names.keys()) {
        const result = await checkAddons([join(root, series)], { series: series as ModuleSpec['odoo'] });
        checked += result.addons.length;
        for (const finding of result.findings.filter((candidate) => candidate.severity === 'error')) {
          const index = cases.find(
            (item) => item.spec.odoo === series && finding.file.startsWith(`${item.spec.module.name}/`),
          )?.index;
          errors.push(
            `spec #${index ?? '?'} (${series}) ${finding.file}:${finding.line} ${finding.rule} ${finding.message}`,
          );
        }
      }
      assert.ok(checked >= Math.floor(RUNS / CHECKER_EVERY) - 3, `only ${checked} addons checked`);
      assertNone(errors, 'checker errors');
    });
  });
});
