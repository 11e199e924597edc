import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { generate } from '../../core/generator/generate.js';
import type { ModuleSpec } from '../../core/spec/module-spec.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { checkAddons } from '../../runner/addon-reader/check-addons.js';
import { viewFieldProblems, xmlRefProblems } from './support/addon-references.js';
import {
  csvWellFormed,
  deterministic,
  fieldsDeclaredOnce,
  initsImportWhatExists,
  manifestListsFiles,
  pythonParses,
  testsUseModelMembers,
  viewsNameFields,
  xmlIdsDefinedFirst,
  xmlWellFormed,
} from './support/generated-addon-checks.js';
import { buildCase, checkPython, type GeneratedCase } from './support/generated-case.js';
import { companyPartsProblems } from './support/generated-company-checks.js';
import { checkPythonBatch } from './support/python-batch.js';
import { companyDrawCounts } from './support/random-spec-company.js';
import { randomSpecArbitrary } from './support/random-spec.js';
import { readXml } from './support/read-xml.js';

/**
 * Property: for hundreds of random VALID specs (all three series), every generated file is
 * well-formed for the tool that will read it: Python for a real Python, XML for a strict XML
 * parser, CSV for csv-parse; the manifest lists only files that exist; generation is
 * deterministic; and the addon checker finds no error in a sample of the addons.
 *
 * Every run draws new specs (the seed is printed in the suite's title and in every failure).
 * A failing case is shrunk by fast-check to a minimal spec that still fails, printed with the
 * command that replays it: FORGE_PROPERTY_SEED=<seed> (and FORGE_PROPERTY_RUNS=<n>,
 * FORGE_PROPERTY_PATH=<path> to start the replay at the failing case).
 */
const SEED = process.env['FORGE_PROPERTY_SEED']
  ? Number(process.env['FORGE_PROPERTY_SEED'])
  : Math.floor(Math.random() * 0x7fffffff);
const RUNS = Number(process.env['FORGE_PROPERTY_RUNS'] ?? 300);
const REPLAY_PATH = process.env['FORGE_PROPERTY_PATH'];
/** Time given to shrinking a failure (each step runs python); the smallest failing spec so far is shown. */
const SHRINK_MS = Number(process.env['FORGE_PROPERTY_SHRINK_MS'] ?? 120_000);
/** One spec in CHECKER_EVERY goes through the addon checker. */
const CHECKER_EVERY = 10;

type Check = (item: GeneratedCase) => string[] | Promise<string[]>;

const cases: GeneratedCase[] = [];
/** The random specs as drawn (before parseSpec), for the coverage checks. */
const drawn: ModuleSpec[] = [];
const invalid: string[] = [];
let firstInvalidYaml = '';

/** The problems of one random spec under `check` (a refused spec counts as one). */
async function problemsOf(random: ModuleSpec, check: Check): Promise<string[]> {
  const item = buildCase(random, -1);
  if (typeof item === 'string') return [item];
  await checkPython([item]);
  return check(item);
}

/**
 * Shrinks the failure of case `index` with fast-check (same seed, replayed from that case) to a
 * minimal spec that still fails `check`, and describes it with the command that replays it.
 */
async function shrunkFailure(index: number, check: Check): Promise<string> {
  // Past the deadline every candidate passes, which ends the shrinking with the smallest failure so far.
  const deadline = Date.now() + SHRINK_MS;
  const details = await fc.check(
    fc.asyncProperty(
      randomSpecArbitrary(),
      async (random) => Date.now() > deadline || (await problemsOf(random, check)).length === 0,
    ),
    { seed: SEED, path: REPLAY_PATH ?? String(index), numRuns: RUNS },
  );
  const shrunk = details.counterexample?.[0];
  if (!details.failed || shrunk === undefined)
    return `\n(the failure of spec #${index} did not replay alone)`;
  const problems = await problemsOf(shrunk, check);
  return [
    `\n--- shrunk to (after ${details.numShrinks} shrinks; replay: FORGE_PROPERTY_SEED=${SEED} FORGE_PROPERTY_RUNS=${RUNS} FORGE_PROPERTY_PATH=${String(details.counterexamplePath)}) ---`,
    stringify(shrunk),
    `--- its problems ---`,
    ...problems.slice(0, 10),
  ].join('\n');
}

/** Fails with the first problems, the seed and the shrunk failing spec when a case breaks `check`. */
async function assertHolds(
  what: string,
  check: Check,
  items: readonly GeneratedCase[] = cases,
): Promise<void> {
  const failures: string[] = [];
  let firstIndex: number | undefined;
  for (const item of items) {
    const problems = await check(item);
    if (problems.length > 0) firstIndex ??= item.index;
    failures.push(...problems);
  }
  if (firstIndex === undefined) return;
  const first = items.find((item) => item.index === firstIndex);
  assert.fail(
    `${failures.length} ${what} (FORGE_PROPERTY_SEED=${SEED}):\n${failures.slice(0, 20).join('\n')}` +
      `\n--- first failing spec, #${firstIndex} ---\n${first?.yaml ?? ''}${await shrunkFailure(firstIndex, check)}`,
  );
}

// A bound on the whole suite: a Python batch that never answers fails the suite, with its seed
// in the title, instead of holding the run. (A synchronous loop cannot be cut by a timer: the
// random spec builder bounds its own loops, after it once looped forever on a field stem `x`.)
const SUITE_TIMEOUT_MS = Number(process.env['FORGE_PROPERTY_TIMEOUT_MS'] ?? 15 * 60_000);

describe(
  `generated addons are well-formed (${RUNS} random specs, FORGE_PROPERTY_SEED=${SEED})`,
  { timeout: SUITE_TIMEOUT_MS },
  () => {
    before(async () => {
      const specs = fc.sample(randomSpecArbitrary(), { seed: SEED, numRuns: RUNS });
      drawn.push(...specs);
      specs.forEach((random, index) => {
        const item = buildCase(random, index);
        if (typeof item !== 'string') cases.push(item);
        else {
          if (invalid.length === 0) firstInvalidYaml = stringify(random);
          invalid.push(item);
        }
      });
      await checkPython(cases);
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
            fields: {
              price: { type: 'monetary' },
              currency_id: { type: 'many2one', comodel: 'res.currency' },
            },
          },
        ],
      };
      const view = (arch: string) =>
        `<odoo><record id="v" model="ir.ui.view"><field name="arch" type="xml">${arch}</field></record></odoo>`;
      const files = new Map([
        [
          'views/harness_item_views.xml',
          view('<list><field name="price"/><field name="message_ids"/></list>'),
        ],
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

    it('shrinks a failing case to a minimal spec (the harness itself)', () => {
      // A property that fails as soon as a spec has three models: the shrunk spec has exactly three,
      // and is far smaller than the first one that failed.
      const details = fc.check(
        fc.property(randomSpecArbitrary(), (random) => (random.models ?? []).length < 3),
        { seed: SEED, numRuns: 200 },
      );
      assert.ok(details.failed, 'no spec with three models in 200 runs');
      const shrunk = details.counterexample?.[0];
      assert.ok(shrunk);
      assert.equal(shrunk.models?.length, 3);
      const failingIndex = Number(String(details.counterexamplePath).split(':')[0]);
      const firstFailing = fc.sample(randomSpecArbitrary(), { seed: SEED, numRuns: failingIndex + 1 })[
        failingIndex
      ];
      assert.ok(details.numShrinks > 0, 'nothing was shrunk');
      assert.ok(stringify(shrunk).length < stringify(firstFailing).length, 'the shrunk spec is not smaller');
      assert.ok(parseSpec(stringify(shrunk)).ok, 'the shrunk spec must stay valid');
    });

    it('builds only specs that parseSpec accepts', () => {
      assert.deepEqual(
        invalid.slice(0, 5),
        [],
        `${invalid.length} random specs were refused (FORGE_PROPERTY_SEED=${SEED}): the random spec builder (or the validator) is wrong\n--- first refused spec ---\n${firstInvalidYaml}`,
      );
      assert.equal(cases.length, RUNS);
      const series = new Set(cases.map((item) => item.spec.odoo));
      assert.deepEqual([...series].sort(), ['16.0', '17.0', '18.0']);
    });

    it('draws company-bound models, with their own forms and relations between them (ModuleSpec 1.1)', (t) => {
      const counts = companyDrawCounts(drawn);
      t.diagnostic(`multi-company drawn (FORGE_PROPERTY_SEED=${SEED}): ${JSON.stringify(counts)}`);
      // Expected at 300 runs: ~100 specs, ~25 declared company_id, ~20 own forms, ~100 relations.
      if (RUNS < 100) return;
      for (const key of ['specs', 'declared', 'formGroups', 'relations'] as const)
        assert.ok(
          counts[key] >= RUNS / 100,
          `only ${counts[key]} ${key} in ${RUNS} specs: ${JSON.stringify(counts)}`,
        );
    });

    it('gives company-bound models company_id, check_company on their relations, a record rule, the company in the form', async () => {
      // The check itself: an addon that lost a check_company, its rule or the form's company is refused.
      const item = buildCase(
        {
          spec_version: 1,
          odoo: '17.0',
          module: { name: 'harness', title: 'Harness' },
          models: [
            {
              name: 'harness.item',
              company: true,
              fields: { partner_id: { type: 'many2one', comodel: 'res.partner' } },
            },
          ],
        },
        -1,
      );
      assert.ok(typeof item !== 'string', String(item));
      assert.deepEqual(companyPartsProblems(item), []);
      const broken = (path: string, from: RegExp, to: string) => {
        const files = new Map(item.files);
        files.set(path, (files.get(path) ?? '').replace(from, to));
        return companyPartsProblems({ ...item, files }).join('\n');
      };
      assert.match(
        broken('models/harness_item.py', /check_company=True,?/, ''),
        /partner_id .* lacks check_company=True/,
      );
      assert.match(
        broken('security/security.xml', /harness_item_rule_company/, 'x'),
        /lacks the record rule/,
      );
      assert.match(
        broken('views/harness_item_views.xml', / groups="base.group_multi_company"/g, ''),
        /shows company_id 0 times/,
      );
      await assertHolds('multi-company problems', companyPartsProblems);
    });

    it('generates the same bytes twice for the same spec', async () => {
      await assertHolds('specs generate other bytes the second time', deterministic);
      for (const item of cases.slice(0, 20)) {
        const reparsed = parseSpec(item.yaml);
        assert.ok(reparsed.ok);
        assert.deepEqual([...generate(reparsed.spec)], [...item.files], `spec #${item.index}`);
      }
    });

    it('writes Python that a real python3 parses and compiles (ast.parse, compile)', async () => {
      const jobs = cases.reduce((sum, item) => sum + item.pythonJobs, 0);
      assert.ok(jobs > cases.length * 5, `only ${jobs} Python sources checked`);
      await assertHolds('Python sources do not parse', pythonParses);
    });

    it('writes well-formed XML with an <odoo> root', async () => {
      const checked = cases.reduce(
        (sum, item) => sum + [...item.files.keys()].filter((path) => path.endsWith('.xml')).length,
        0,
      );
      assert.ok(checked >= cases.length * 2, `only ${checked} XML files checked`);
      await assertHolds('XML files are not well-formed', xmlWellFormed);
    });

    it('writes CSV files that csv-parse reads with one column count', async () => {
      const checked = cases.reduce(
        (sum, item) => sum + [...item.files.keys()].filter((path) => path.endsWith('.csv')).length,
        0,
      );
      assert.ok(checked >= cases.length, `only ${checked} CSV files checked`);
      await assertHolds('CSV files are malformed', csvWellFormed);
    });

    it('lists in the manifest (data, demo) only files that exist, once each', async () => {
      await assertHolds('manifest problems', manifestListsFiles);
    });

    it('names in views only fields of the model, with the currency of every monetary field', async () => {
      await assertHolds('view field problems', viewsNameFields);
    });

    it('defines every local XML id before a file loaded later (or below) uses it', async () => {
      await assertHolds('XML id problems', xmlIdsDefinedFirst);
    });

    it('declares every field of the spec once, with the Odoo class of its type', async () => {
      await assertHolds('field declaration problems', fieldsDeclaredOnce);
    });

    it('uses in generated tests only fields and buttons of the tested model', async () => {
      await assertHolds('generated test problems', testsUseModelMembers);
    });

    it('imports from every __init__.py only modules that exist', async () => {
      await assertHolds('import problems', initsImportWhatExists);
    });

    describe('the addon checker', () => {
      const root = mkdtempSync(join(tmpdir(), 'forge-generated-addons-'));
      after(() => rmSync(root, { recursive: true, force: true }));

      /** The checker's errors for one generated addon, written to a folder of its own. */
      const checkerErrors: Check = async (item) => {
        const folder = mkdtempSync(join(root, `${item.spec.odoo}-`));
        for (const [path, contents] of item.files) {
          const file = join(folder, item.spec.module.name, path);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, contents);
        }
        const result = await checkAddons([folder], { series: item.spec.odoo });
        return result.findings
          .filter((finding) => finding.severity === 'error')
          .map(
            (finding) =>
              `spec #${item.index} (${item.spec.odoo}) ${finding.file}:${finding.line} ${finding.rule} ${finding.message}`,
          );
      };

      it(`finds no error in one generated addon of every ${CHECKER_EVERY}`, async () => {
        // Distinct module names per series, so that a shrunk replay names the same addon.
        const seen = new Set<string>();
        const sample = cases.filter((item) => {
          const key = `${item.spec.odoo}/${item.spec.module.name}`;
          if (item.index % CHECKER_EVERY !== 0 || seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        assert.ok(
          sample.length >= Math.floor(RUNS / CHECKER_EVERY) - 3,
          `only ${sample.length} addons checked`,
        );
        await assertHolds('checker errors', checkerErrors, sample);
      });
    });
  },
);
