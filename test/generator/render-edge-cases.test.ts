import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { generate } from '../../core/generator/generate.js';
import type { OdooSeries } from '../../core/spec/module-spec.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { checkPythonBatch } from './support/python-batch.js';
import { readXml } from './support/read-xml.js';

/**
 * Values and texts that are valid in a spec and must reach Odoo unchanged: selection keys
 * written as numbers, `%` in labels that end up in translated messages, models with only
 * mail.activity.mixin, HTML demo values, selection keys with quotes, control characters, names
 * that clash with the generated code (self, UserError). Each case was checked against Odoo's
 * sources (/work/odoo-src: fields.py Selection.convert_to_cache, tools/translate.py,
 * tools/convert.py).
 */
const LIBRARY = readFileSync(fileURLToPath(new URL('../../examples/library.yaml', import.meta.url)), 'utf8');
const HELPDESK = readFileSync(
  fileURLToPath(new URL('../../examples/helpdesk.yaml', import.meta.url)),
  'utf8',
);

type Doc = Record<string, unknown> & {
  models: (Record<string, unknown> & {
    fields: Record<string, Record<string, unknown>>;
    mixins?: string[];
    workflow?: { buttons: Record<string, unknown>[] };
  })[];
  tests: Record<string, unknown>[];
  demo: Record<string, Record<string, unknown>[]>;
};

/** examples/helpdesk.yaml changed by `edit`, validated, generated. */
function helpdesk(edit: (doc: Doc) => void, series: OdooSeries = '18.0'): Map<string, string> {
  const doc = parse(HELPDESK) as Doc;
  doc['odoo'] = series;
  edit(doc);
  const parsed = parseSpec(stringify(doc));
  assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
  return generate(parsed.spec);
}

function ticket(doc: Doc) {
  const model = doc.models[1];
  assert.ok(model && model['name'] === 'helpdesk.ticket');
  return model;
}

/** The `%` conversions Python's `msg % kwargs` would apply to a message literal of the file. */
function badConversions(python: string): string[] {
  const bad: string[] = [];
  for (const match of python.matchAll(/_\(\s*("(?:[^"\\]|\\.)*")/g)) {
    const message = JSON.parse(match[1] ?? '""') as string;
    for (const conversion of message.matchAll(/%(\([a-z_]+\)s|%|.?)/g)) {
      if (!/^%(\([a-z_]+\)s|%)$/.test(conversion[0])) bad.push(`${conversion[0]} in ${message}`);
    }
  }
  return bad;
}

describe('generator edge cases that must reach Odoo unchanged', () => {
  it('writes selection keys as strings in defaults, whatever the spec wrote', () => {
    const files = helpdesk(
      (doc) => (ticket(doc).fields['priority'] = { ...ticket(doc).fields['priority'], default: 1 }),
    );
    assert.match(files.get('models/helpdesk_ticket.py') ?? '', /default="1"/);
  });

  it('writes selection keys as strings in generated tests and demo data when the spec wrote numbers', () => {
    const files = helpdesk((doc) => {
      doc.tests.push({
        name: 'an urgent ticket',
        create: { model: 'helpdesk.ticket', values: { name: 'Fire', priority: 3 } },
        expect: { priority: 3 },
      });
      (doc.demo['helpdesk.ticket'] as Record<string, unknown>[])[0] = {
        name: 'Printer does not print',
        priority: 2,
      };
    });
    const tests = files.get('tests/test_helpdesk_ticket.py') ?? '';
    assert.match(tests, /"priority": "3"/);
    assert.match(tests, /self\.assertEqual\(record\.priority, "3"\)/);
    assert.match(files.get('demo/demo.xml') ?? '', /<field name="priority">2<\/field>/);
  });

  it('passes only %(record)s and %(target)s to the translated workflow messages of plain labels', () => {
    assert.deepEqual(badConversions(helpdesk(() => undefined).get('models/helpdesk_ticket.py') ?? ''), []);
  });

  it('escapes % in button and state labels inside the translated workflow message', () => {
    const files = helpdesk((doc) => {
      const buttons = ticket(doc).workflow?.buttons ?? [];
      assert.ok(buttons[0]);
      buttons[0]['label'] = 'Start (100% sure)';
      ticket(doc).fields['stage'] = {
        ...ticket(doc).fields['stage'],
        options: { new: 'New', in_progress: '50% done', done: 'Done', cancelled: 'Cancelled' },
      };
    });
    assert.deepEqual(badConversions(files.get('models/helpdesk_ticket.py') ?? ''), []);
  });

  it('gives a mail.thread model the chatter fields of its series', () => {
    const form = (series: OdooSeries) =>
      helpdesk(() => undefined, series).get('views/helpdesk_ticket_views.xml') ?? '';
    assert.match(
      form('17.0'),
      /<field name="message_follower_ids"\/>\s*<field name="activity_ids"\/>\s*<field name="message_ids"\/>/,
    );
    assert.match(form('18.0'), /<chatter\/>/);
  });

  it('puts no message fields in the form of a model with mail.activity.mixin only (16.0, 17.0)', () => {
    for (const series of ['16.0', '17.0'] as const) {
      const files = helpdesk((doc) => {
        const tag = doc.models[0];
        assert.ok(tag);
        tag.mixins = ['mail.activity.mixin'];
      }, series);
      const form = files.get('views/helpdesk_tag_views.xml') ?? '';
      assert.doesNotMatch(form, /message_follower_ids|message_ids/, series);
    }
  });

  it('loads an HTML demo value as HTML, not as escaped text inside type="html"', () => {
    const files = helpdesk((doc) => {
      ticket(doc).fields['notes'] = { type: 'html' };
      (doc.demo['helpdesk.ticket'] as Record<string, unknown>[])[0] = {
        name: 'Printer does not print',
        notes: '<p>Paper jam</p>',
      };
    });
    const demo = files.get('demo/demo.xml') ?? '';
    assert.match(demo, /<field name="notes"/);
    assert.doesNotMatch(demo, /type="html">&lt;p&gt;/);
  });
  it(
    'quotes selection keys as Python strings in the visibility of workflow buttons',
    async () => {
      for (const series of ['16.0', '18.0'] as const) {
        const files = helpdesk((doc) => {
          const json = JSON.stringify(doc)
            .replaceAll('"done"', '"don\'t"')
            .replaceAll('"cancelled"', '"back\\\\slash"');
          Object.assign(doc, JSON.parse(json) as Doc);
        }, series);
        const xml = files.get('views/helpdesk_ticket_views.xml') ?? '';
        const lists = readXml(xml)
          .expressions.filter((expression) => /not in/.test(expression.source))
          .map((expression) =>
            series === '16.0' ? expression.source : (/not in (\[.*\])$/.exec(expression.source)?.[1] ?? ''),
          );
        assert.equal(lists.length, 4);
        const results = await checkPythonBatch(
          lists.map((source, i) => ({ path: `button ${i}`, source, kind: 'literal' })),
        );
        const states = results.map((result) => result.error ?? JSON.stringify(result.value));
        assert.ok(
          states.some((state) => state.includes("don't")) &&
            states.some((state) => state.includes('back\\\\slash')),
          `${series}: ${states.join(' | ')}`,
        );
      }
    },
  );

  it(
    'refuses a text with control characters, or writes files that Python and XML parsers accept',
    async () => {
      const doc = parse(HELPDESK) as Doc;
      (doc.tests[0] as Record<string, unknown>)['name'] = 'nul \u0000 here';
      (doc['menus'] as Record<string, unknown>)['root'] = 'Help\u0008desk';
      const parsed = parseSpec(stringify(doc));
      if (!parsed.ok) return; // refused: fine
      const files = generate(parsed.spec);
      const python = [...files]
        .filter(([path]) => path.endsWith('.py'))
        .map(([path, source]) => ({ path, source, kind: 'module' as const }));
      const errors = (await checkPythonBatch(python))
        .filter((result) => result.error)
        .map((result) => `${result.path}: ${result.error}`);
      for (const [path, source] of files) {
        if (!path.endsWith('.xml')) continue;
        try {
          readXml(source);
        } catch (error) {
          errors.push(`${path}: ${(error as Error).message}`);
        }
      }
      assert.deepEqual(errors, []);
    },
  );
  it(
    'never passes a field named self as a keyword of _create_record (the test method owns self)',
    () => {
      const doc = parse(LIBRARY) as Doc;
      const loan = doc.models[1];
      assert.ok(loan);
      loan.fields['self'] = { type: 'char' };
      (loan['constraints'] as Record<string, unknown>[]).push({ unique: ['self'], message: 'Unique.' });
      const parsed = parseSpec(stringify(doc));
      if (!parsed.ok) return; // refused: fine
      assert.doesNotMatch(
        generate(parsed.spec).get('tests/test_library_loan.py') ?? '',
        /_create_record\((?:[^)]*, )?self=/,
      );
    },
  );

  it(
    'never names a model class like a name its file imports (UserError)',
    () => {
      const doc = parse(LIBRARY) as Doc;
      const json = JSON.stringify(doc).replaceAll('library.book', 'user.error');
      const renamed = JSON.parse(json) as Doc;
      const parsed = parseSpec(stringify(renamed));
      if (!parsed.ok) return; // refused: fine
      const python = generate(parsed.spec).get('models/user_error.py') ?? '';
      assert.match(python, /from odoo\.exceptions import UserError/);
      assert.doesNotMatch(python, /^class UserError\(/m);
    },
  );
});
