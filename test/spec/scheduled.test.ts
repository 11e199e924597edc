import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { moduleSpecJsonSchema } from '../../core/spec/module-spec-json-schema.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { assertError, assertLibraryValid, book, libraryErrors, libraryYaml, loan } from './spec-helpers.js';

/** ModuleSpec 1.1 `scheduled`: ir.cron jobs on the records of a domain. */
describe('scheduled (ModuleSpec 1.1): validation', () => {
  it('accepts a write, a move to a workflow state and an activity job', () => {
    assertLibraryValid((spec) => {
      book(spec)['scheduled'] = [
        { name: 'publish', every: { number: 1, unit: 'days' }, domain: "[('state', '=', 'draft')]", move_to: 'available' },
        { name: 'check_pages', every: { number: 2, unit: 'hours' }, activity: { summary: 'Count the pages', days: 3 } },
      ];
      loan(spec)['scheduled'] = [
        { name: 'mark_returned', every: { number: 1, unit: 'weeks' }, domain: "[('date_due', '<', today)]", write: { returned: true } },
      ];
    });
  });

  it('refuses a job doing nothing or two things, twice named, on unknown fields, to a state no button leads to', () => {
    const errors = libraryErrors((spec) => {
      book(spec)['scheduled'] = [
        { name: 'idle', every: { number: 1, unit: 'days' } },
        { name: 'both', every: { number: 1, unit: 'days' }, write: { pages: 1 }, move_to: 'available' },
        { name: 'both', every: { number: 1, unit: 'days' }, move_to: 'lent' },
        { name: 'bad_domain', every: { number: 1, unit: 'days' }, domain: "[('pgaes', '>', 1)]", write: { loan_count: 2 } },
      ];
      loan(spec)['scheduled'] = [
        { name: 'close', every: { number: 1, unit: 'days' }, move_to: 'done' },
        { name: 'remind', every: { number: 1, unit: 'days' }, activity: { summary: 'Call', user_field: 'partner_id' } },
        { name: 'typed', every: { number: 1, unit: 'days' }, write: { date_due: 'soon', nothing: 1 } },
      ];
    });
    assertError(errors, 'models[0].scheduled[0]', 'job idle does nothing', 'move_to');
    assertError(errors, 'models[0].scheduled[1]', 'has write and move_to', 'a job does one thing');
    assertError(errors, 'models[0].scheduled[2].name', 'already has a scheduled job both');
    assertError(errors, 'models[0].scheduled[2].move_to', 'no workflow button leads to lent', 'available, draft');
    assertError(errors, 'models[0].scheduled[3].domain', 'names pgaes', 'did you mean pages?');
    assertError(errors, 'models[0].scheduled[3].write.loan_count', 'not set by hand (computed)');
    assertError(errors, 'models[1].scheduled[0].move_to', 'library.loan has no workflow');
    assertError(errors, 'models[1].scheduled[1].activity', 'activities need mail.activity.mixin');
    assertError(errors, 'models[1].scheduled[1].activity.user_field', 'partner_id is not a many2one to res.users');
    assertError(errors, 'models[1].scheduled[2].write.date_due', 'soon');
    assertError(errors, 'models[1].scheduled[2].write.nothing', 'library.loan has no field nothing');
  });

  it('refuses an interval that is not a whole number of a known unit, with the line of the key', () => {
    const yaml = libraryYaml((spec) => {
      book(spec)['scheduled'] = [{ name: 'publish', every: { number: 0, unit: 'years' }, move_to: 'available' }];
    });
    const parsed = parseSpec(yaml);
    assert.equal(parsed.ok, false);
    const errors = parsed.ok ? [] : parsed.errors;
    assertError(errors, 'models[0].scheduled[0].every.number', 'at least 1');
    assertError(errors, 'models[0].scheduled[0].every.unit', 'minutes, hours, days, weeks, months');
    const line = yaml.split('\n').findIndex((text) => text.includes('unit: years')) + 1;
    assert.equal(errors.find((error) => error.path.endsWith('every.unit'))?.line, line);
  });
});

describe('scheduled (ModuleSpec 1.1): the JSON Schema the LLM fills', () => {
  it('declares a job with its name, interval units and the three kinds of job', () => {
    type Job = { required?: string[]; properties: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
    const schema = moduleSpecJsonSchema() as {
      properties: { models: { items: { properties: Record<string, { items?: Job }> } } };
    };
    const job = schema.properties.models.items.properties['scheduled']?.items;
    assert.deepEqual(job?.required, ['name', 'every']);
    assert.deepEqual(job?.properties['every']?.properties?.['unit']?.enum, ['minutes', 'hours', 'days', 'weeks', 'months']);
    for (const kind of ['write', 'move_to', 'activity', 'domain']) assert.ok(job?.properties[kind], `${kind} is in the schema`);
  });
});

describe('scheduled (ModuleSpec 1.1): generation for 16.0, 17.0 and 18.0', () => {
  for (const series of ['16.0', '17.0', '18.0'] as const) {
    it(`${series}: a noupdate ir.cron per job, the domain through safe_eval, the job methods and their test`, () => {
      const parsed = parseSpec(
        libraryYaml((spec) => {
          spec['odoo'] = series;
          book(spec)['scheduled'] = [
            { name: 'publish', label: 'Publish drafts', every: { number: 1, unit: 'days' }, domain: "[('pages', '>', 0)]", move_to: 'available' },
            { name: 'check_pages', every: { number: 2, unit: 'hours' }, activity: { summary: 'Count the pages', days: 3 } },
          ];
        }),
      );
      assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
      const files = generate(parsed.spec);
      const data = files.get('data/ir_cron_data.xml') ?? '';
      assert.match(data, /<odoo noupdate="1">/);
      assert.match(data, /<record id="ir_cron_library_book_publish" model="ir.cron">\n\s+<field name="name">Book: Publish drafts<\/field>/);
      assert.match(data, /<field name="code">model\._cron_check_pages\(\)<\/field>\n\s+<field name="interval_number" eval="2"\/>\n\s+<field name="interval_type">hours<\/field>/);
      assert.equal(data.includes('numbercall'), series !== '18.0', 'numbercall -1 on 16.0 and 17.0 only');
      assert.match(files.get('__manifest__.py') ?? '', /"data\/ir_cron_data\.xml",\n\s+"(wizards|views)\//);
      const python = files.get('models/library_book.py') ?? '';
      assert.match(python, /^from datetime import timedelta\n\nfrom odoo import /m);
      assert.match(python, /^from odoo\.tools\.safe_eval import safe_eval$/m);
      assert.ok(python.includes(`domain = safe_eval("[('pages', '>', 0)]", names)\n        return domain + [("state", "in", ["draft"])]`), python);
      assert.match(python, /def _cron_publish_apply\(self\):\n\s+self\.write\(\{"state": "available"\}\)/);
      assert.match(python, /record\.activity_schedule\(\n\s+"mail\.mail_activity_data_todo",\n\s+date_deadline=deadline,\n\s+summary="Count the pages",/);
      const tests = files.get('tests/test_library_book.py') ?? '';
      assert.match(tests, /def test_cron_publish_runs_its_job\(self\):[^]*cron\.method_direct_trigger\(\)[^]*record\._cron_publish_apply\(\)\n\s+self\.assertEqual\(record\.state, "available"\)/);
      assert.match(tests, /self\.assertEqual\(\(activity\.date_deadline - activity\.create_date\.date\(\)\)\.days, 3\)/);
    });
  }
});
