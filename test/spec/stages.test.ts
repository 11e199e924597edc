import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { moduleSpecJsonSchema } from '../../core/spec/module-spec-json-schema.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { assertError, assertLibraryValid, libraryErrors, libraryYaml, loan, type SpecDoc } from './spec-helpers.js';

/** The library example with a stage model for its loans (ModuleSpec 1.1 `stages`). */
function withLoanStages(spec: SpecDoc, stages: unknown = ['Requested', 'Lent', { name: 'Returned', fold: true }]): void {
  spec.models.push({
    name: 'library.loan.stage',
    title: 'Loan Stage',
    stages,
    fields: {},
  } as unknown as SpecDoc['models'][number]);
  spec.security.access['library.loan.stage'] = { user: 'r', manager: 'crud' };
  loan(spec).fields['stage_id'] = { type: 'many2one', comodel: 'library.loan.stage', required: true };
}

describe('stages (ModuleSpec 1.1): validation', () => {
  it('accepts a stage model with names and {name, fold}, its own description, demo and tests without a stage', () => {
    assertLibraryValid((spec) => {
      withLoanStages(spec);
      spec.models.at(-1)!.fields['description'] = { type: 'text' };
      spec.models.at(-1)!.fields['sequence'] = { type: 'integer', default: 5, help: 'Order of the columns' };
    });
  });

  it('refuses a stage field of another type, a stage listed twice, a stage model nothing refers to', () => {
    const errors = libraryErrors((spec) => {
      withLoanStages(spec, ['Requested', 'Lent', { name: 'Requested', fold: true }]);
      spec.models.at(-1)!.fields['fold'] = { type: 'char' };
      spec.models.push({ name: 'library.idle.stage', stages: ['Open'], fields: {} } as unknown as SpecDoc['models'][number]);
      spec.security.access['library.idle.stage'] = { manager: 'crud' };
    });
    assertError(errors, 'models[2].fields.fold.type', "a stage model's fold is a boolean field", 'type: boolean');
    assertError(errors, 'models[2].stages[2]', 'stage "Requested" is listed twice');
    assertError(errors, 'models[3].stages', 'no field refers to the stage model library.idle.stage', 'stage_id: {type: many2one');
  });

  it('refuses a stage field that is related or given a default', () => {
    const errors = libraryErrors((spec) => {
      withLoanStages(spec);
      loan(spec).fields['stage_id'] = { type: 'many2one', comodel: 'library.loan.stage', related: 'book_id.id' };
      loan(spec).fields['next_stage_id'] = { type: 'many2one', comodel: 'library.loan.stage', default: 'Lent' };
    });
    assertError(errors, 'models[1].fields.stage_id.related', 'is the stage of its record', 'remove related');
    assertError(errors, 'models[1].fields.next_stage_id.default', 'starts in the first stage', 'remove default');
  });

  it('refuses an empty list of stages and a stage without a name, with the line of the key', () => {
    const yaml = libraryYaml((spec) => withLoanStages(spec, [{ fold: true }]));
    const parsed = parseSpec(yaml);
    assert.equal(parsed.ok, false);
    const errors = parsed.ok ? [] : parsed.errors;
    assertError(errors, 'models[2].stages[0]', 'stage');
    const line = yaml.split('\n').findIndex((text) => text.includes('fold: true')) + 1;
    assert.ok(line > 0);
    assert.ok(
      errors.some((error) => error.path.startsWith('models[2].stages') && error.line !== undefined && Math.abs(error.line - line) <= 1),
      `an error near line ${line}: ${JSON.stringify(errors)}`,
    );
    assertError(libraryErrors((spec) => withLoanStages(spec, [])), 'models[2].stages', 'list at least one stage');
  });
});

describe('stages (ModuleSpec 1.1): the JSON Schema the LLM fills', () => {
  it('declares stages as names or {name, fold}, at least one, with its description', () => {
    const schema = moduleSpecJsonSchema() as {
      properties: { models: { items: { properties: Record<string, { minItems?: number; description?: string; items?: { anyOf?: unknown[] } }> } } };
    };
    const stages = schema.properties.models.items.properties['stages'];
    assert.equal(stages?.minItems, 1);
    assert.deepEqual(stages?.items?.anyOf?.[0], { type: 'string', minLength: 1 });
    assert.match(stages?.description ?? '', /group_expand/);
  });
});

describe('stages (ModuleSpec 1.1): generation for 16.0, 17.0 and 18.0', () => {
  for (const series of ['16.0', '17.0', '18.0'] as const) {
    it(`${series}: the stage model and its noupdate stages, group_expand, the first stage by default, a kanban by stage`, () => {
      const parsed = parseSpec(
        libraryYaml((spec) => {
          spec['odoo'] = series;
          withLoanStages(spec);
        }),
      );
      assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
      const files = generate(parsed.spec);
      const data = files.get('data/stage_data.xml') ?? '';
      assert.match(data, /<odoo noupdate="1">/);
      assert.match(data, /<record id="library_loan_stage_requested" model="library.loan.stage">\n\s+<field name="name">Requested<\/field>\n\s+<field name="sequence" eval="10"\/>\n\s+<\/record>/);
      assert.match(data, /<record id="library_loan_stage_returned"[^]*?eval="30"\/>\n\s+<field name="fold" eval="True"\/>/);
      assert.match(files.get('__manifest__.py') ?? '', /"security\/ir\.model\.access\.csv",\n\s+"data\/stage_data\.xml",/);
      const stage = files.get('models/library_loan_stage.py') ?? '';
      assert.match(stage, /_order = "sequence, id"/);
      assert.match(stage, /name = fields\.Char\(string="Stage Name", required=True, translate=True\)/);
      assert.match(stage, /sequence = fields\.Integer\(string="Sequence", default=10\)/);
      assert.match(stage, /fold = fields\.Boolean\(/);
      const loanPy = files.get('models/library_loan.py') ?? '';
      assert.match(loanPy, /group_expand="_read_group_stage_id"/);
      assert.match(loanPy, /default=lambda self: self\.env\["library\.loan\.stage"\]\.search\(\[\], limit=1\)/);
      const signature = series === '18.0' ? 'stages, domain' : 'stages, domain, order';
      assert.ok(loanPy.includes(`@api.model\n    def _read_group_stage_id(self, ${signature}):`), loanPy);
      const views = files.get('views/library_loan_views.xml') ?? '';
      assert.match(views, /<kanban default_group_by="stage_id">/);
      assert.match(files.get('views/library_loan_stage_views.xml') ?? '', /<field name="sequence" widget="handle"\/>/);
      const tests = files.get('tests/test_library_loan.py') ?? '';
      assert.match(tests, /def test_stage_id_starts_first_and_kanban_shows_every_stage\(self\):/);
      assert.doesNotMatch(tests.split('def test_')[0] ?? '', /"stage_id"/, 'create() leaves the stage to its default');
      const stageTests = files.get('tests/test_library_loan_stage.py') ?? '';
      assert.match(stageTests, /self\.env\.ref\("library_loans\.library_loan_stage_lent"\)/);
      assert.match(stageTests, /\("Returned", True\),/);
    });
  }

  it('keeps a spec without stages as it was: no stage data, no group_expand', () => {
    const parsed = parseSpec(libraryYaml(() => undefined));
    assert.ok(parsed.ok);
    const files = generate(parsed.spec);
    assert.equal(files.has('data/stage_data.xml'), false);
    assert.doesNotMatch([...files.values()].join('\n'), /group_expand|default_group_by/);
  });
});
