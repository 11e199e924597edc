import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { moduleSpecJsonSchema } from '../../core/spec/module-spec-json-schema.js';
import { parseMailText } from '../../core/spec/mail-placeholders.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import type { OdooSeries } from '../../core/spec/module-spec.js';
import { assertError, assertLibraryValid, book, libraryErrors, libraryYaml, loan } from './spec-helpers.js';

const closed = {
  name: 'available',
  subject: 'Book {{ title }} is available',
  body: 'Hello,\n\nThe book {{ title }} ({{ pages }} pages) is back.',
  to: 'author_ids',
};

/** ModuleSpec 1.1 `mail_templates`: mail.template per model, sent on transitions, by a button, by a job. */
describe('mail templates (ModuleSpec 1.1): validation', () => {
  it('accepts templates to a partner and to an email field, on a transition, a button and a job', () => {
    assertLibraryValid((spec) => {
      book(spec)['fields'] = { ...(book(spec)['fields'] as object), email: { type: 'char' } };
      book(spec)['mail_templates'] = [
        { ...closed, to: 'email', send_on: ['action_make_available'], button: true },
        {
          name: 'news',
          subject: 'News',
          body: 'Hello {{ state }} {{ published }} {{ currency_id }}',
          to: 'email',
          button: 'Mail it',
        },
      ];
      book(spec)['scheduled'] = [
        { name: 'mail_news', every: { number: 1, unit: 'days' }, send_mail: 'news' },
      ];
    });
  });

  it('refuses a template on a model without mail.thread, bad placeholders, recipients, buttons and jobs', () => {
    const errors = libraryErrors((spec) => {
      book(spec)['mail_templates'] = [
        { ...closed, to: 'author_ids', send_on: ['action_lend'] },
        {
          ...closed,
          subject: 'Book {{ object.title }}',
          body: 'About {{ titel }} and {{ loan_ids }}',
          to: 'isbn',
        },
        { ...closed, subject: 'Unbalanced {{ title', to: 'nobody' },
      ];
      book(spec)['scheduled'] = [
        { name: 'mail_it', every: { number: 1, unit: 'days' }, send_mail: 'availabel' },
      ];
      loan(spec)['mail_templates'] = [
        {
          ...closed,
          subject: 'Loan {{ book_title }}',
          body: 'Due {{ date_due }}',
          to: 'partner_id',
          send_on: ['action_return'],
        },
      ];
    });
    assertError(
      errors,
      'models[0].mail_templates[0].to',
      'author_ids is not a many2one to res.partner nor a char',
    );
    assertError(
      errors,
      'models[0].mail_templates[0].send_on[0]',
      'no workflow button action_lend',
      'action_make_available',
    );
    assertError(errors, 'models[0].mail_templates[1].name', 'already has a mail template available');
    assertError(
      errors,
      'models[0].mail_templates[1].subject',
      '{{ object.title }}',
      'write the field name alone, {{ title }}',
    );
    assertError(errors, 'models[0].mail_templates[1].body', 'has no field titel', 'did you mean title?');
    assertError(errors, 'models[0].mail_templates[1].body', 'loan_ids is a one2many field');
    assertError(errors, 'models[0].mail_templates[2].subject', 'unbalanced {{');
    assertError(errors, 'models[0].mail_templates[2].to', 'has no field nobody');
    assertError(
      errors,
      'models[0].scheduled[0].send_mail',
      'no mail template availabel',
      'did you mean available?',
    );
    assertError(errors, 'models[1].mail_templates', 'add mail.thread to library.loan');
    assertError(errors, 'models[1].mail_templates[0].send_on[0]', 'library.loan has no workflow');
  });

  it('gives the line of the template refused for a model without mail.thread', () => {
    const yaml = libraryYaml((spec) => {
      loan(spec)['mail_templates'] = [{ ...closed, subject: 'Loan', body: 'Due', to: 'partner_id' }];
    });
    const parsed = parseSpec(yaml);
    assert.equal(parsed.ok, false);
    const error = (parsed.ok ? [] : parsed.errors).find(
      (candidate) => candidate.path === 'models[1].mail_templates',
    );
    assert.ok(error, 'an error at models[1].mail_templates');
    assert.equal(error.line, yaml.split('\n').findIndex((text) => text.includes('mail_templates:')) + 1);
  });

  it('refuses a template without subject, body or recipient, or with a button that is not a label', () => {
    const parsed = parseSpec(
      libraryYaml((spec) => {
        book(spec)['mail_templates'] = [{ name: 'bare', button: 3 }];
      }),
    );
    assert.equal(parsed.ok, false);
    const errors = parsed.ok ? [] : parsed.errors;
    for (const key of ['subject', 'body', 'to', 'button'])
      assert.ok(
        errors.some((error) => error.path === `models[0].mail_templates[0].${key}`),
        key,
      );
  });

  it('parses placeholders into text and field names', () => {
    assert.deepEqual(parseMailText('A {{ x }}{{y_2}} b'), {
      ok: true,
      parts: [{ text: 'A ' }, { field: 'x' }, { field: 'y_2' }, { text: ' b' }],
    });
    assert.equal(parseMailText('{{ x.y }}').ok, false);
    assert.equal(parseMailText('a }} b').ok, false);
  });

  it('is in the JSON Schema the LLM fills, and the scheduled send_mail kind', () => {
    const text = JSON.stringify(moduleSpecJsonSchema());
    assert.match(text, /"mail_templates"/);
    assert.match(text, /"send_mail"/);
  });
});

describe('mail templates (ModuleSpec 1.1): generation', () => {
  function generated(series: OdooSeries): Map<string, string> {
    const parsed = parseSpec(
      libraryYaml((spec) => {
        spec['odoo'] = series;
        book(spec)['fields'] = {
          ...(book(spec)['fields'] as object),
          reader_id: { type: 'many2one', comodel: 'res.partner' },
        };
        book(spec)['mail_templates'] = [
          { ...closed, to: 'reader_id', send_on: ['action_make_available'], button: true },
        ];
        book(spec)['scheduled'] = [
          { name: 'mail_it', every: { number: 1, unit: 'days' }, send_mail: 'available' },
        ];
      }),
    );
    assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
    return generate(parsed.spec);
  }

  for (const series of ['16.0', '17.0', '18.0'] as const) {
    it(`${series}: a noupdate mail.template with inline subject and QWeb body, sent by the button, the transition and the job`, () => {
      const files = generated(series);
      const data = files.get('data/mail_template_data.xml') ?? '';
      assert.match(data, /<odoo noupdate="1">/);
      assert.match(data, /<field name="subject">Book \{\{ object\.title \}\} is available<\/field>/);
      assert.match(data, /<field name="partner_to">\{\{ object\.reader_id\.id \}\}<\/field>/);
      assert.match(data, /<t t-out="object\.pages"\/>/);
      assert.match(files.get('__manifest__.py') ?? '', /"data\/mail_template_data\.xml"/);
      const python = files.get('models/library_book.py') ?? '';
      const post =
        series === '16.0'
          ? 'message_post_with_template(template.id)'
          : 'message_post_with_source(template, subtype_xmlid="mail.mt_comment")';
      assert.ok(python.includes(post), post);
      assert.ok(
        python.includes(series === '16.0' ? '"default_res_id": self.id' : '"default_res_ids": self.ids'),
      );
      assert.match(
        python,
        /def action_make_available\(self\):[\s\S]*?self\._mail_available_send\(\)\n\s+return True/,
      );
      assert.match(python, /def _cron_mail_it_apply\(self\):\n\s+self\._mail_available_send\(\)/);
      assert.match(
        files.get('views/library_book_views.xml') ?? '',
        /<button name="action_send_available" type="object" string="Send by email"\/>/,
      );
      const tests = files.get('tests/test_library_book.py') ?? '';
      assert.match(tests, /from odoo\.tests import Form, TransactionCase/);
      for (const name of [
        'test_mail_available_is_sent',
        'test_mail_available_on_action_make_available',
        'test_mail_available_by_button',
      ])
        assert.ok(tests.includes(`def ${name}(self):`), name);
      assert.ok(
        tests.includes('subject = "Book " + (str(record.title) if record.title else "") + " is available"'),
      );
    });
  }
});
