import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { generate } from '../../core/generator/generate.js';
import { moduleSpecJsonSchema } from '../../core/spec/module-spec-json-schema.js';
import type { ModuleSpec, OdooSeries } from '../../core/spec/module-spec.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { assertError, assertLibraryValid, book, libraryErrors, libraryYaml, loan } from './spec-helpers.js';

/** ModuleSpec 1.1 more views: calendar, pivot, graph, activity, search panel, smart buttons. */
describe('more views (ModuleSpec 1.1): validation', () => {
  it('accepts every new view on the library, and smart buttons by one2many and by model', () => {
    assertLibraryValid((spec) => {
      Object.assign(loan(spec), { views: {} });
      Object.assign(loan(spec).views, {
        calendar: { start: 'date_out', stop: 'date_due', color: 'partner_id', mode: 'week' },
        pivot: { rows: ['book_id'], columns: ['date_out'], measures: ['id_days'] },
        graph: { type: 'pie', group_by: ['partner_id', 'date_out'] },
        search_panel: ['book_id'],
      });
      loan(spec).fields['id_days'] = { type: 'integer' };
      Object.assign(book(spec).views, {
        activity: true,
        search_panel: ['state'],
        smart_buttons: [
          { one2many: 'loan_ids', label: 'Loans', icon: 'fa-book' },
          { model: 'library.loan', field: 'book_id', name: 'lending', label: 'Lendings' },
        ],
      });
    });
  });

  it('refuses non-date calendar fields, a colour that cannot colour, ungroupable and unsummable fields', () => {
    const errors = libraryErrors((spec) => {
      Object.assign(loan(spec), { views: {} });
      Object.assign(loan(spec).views, {
        calendar: { start: 'book_title', stop: 'date_out', color: 'returned' },
        pivot: {
          rows: ['book_title', 'date_out'],
          columns: ['date_out'],
          measures: ['partner_id', 'missing'],
        },
        graph: { group_by: ['book_id', 'book_id'], measure: 'book_id' },
      });
      Object.assign(book(spec).views, { pivot: {}, graph: { measure: 'loan_count' } });
    });
    assertError(
      errors,
      'models[1].views.calendar.start',
      'stored date or datetime field',
      'book_title is a char field not stored',
    );
    assertError(
      errors,
      'models[1].views.calendar.color',
      'many2one, selection or integer',
      'returned is a boolean',
    );
    assertError(errors, 'models[1].views.pivot.rows[0]', 'book_title cannot be grouped by');
    assertError(errors, 'models[1].views.pivot.columns[0]', "date_out is already in the pivot's rows");
    assertError(
      errors,
      'models[1].views.pivot.measures[0]',
      'partner_id cannot be summed',
      'stored integer or float',
    );
    assertError(errors, 'models[1].views.pivot.measures[1]', 'library.loan has no field missing');
    assertError(errors, 'models[1].views.graph.group_by[1]', 'already in group_by');
    assertError(errors, 'models[1].views.graph.measure', 'book_id is grouped by');
    assertError(errors, 'models[0].views.pivot', 'an empty pivot');
    // loan_count is computed and stored: a measure; the structure refuses a third graph group.
    assert.ok(
      !errors.some((error) => error.path === 'models[0].views.graph.measure'),
      JSON.stringify(errors),
    );
  });

  it('refuses an activity view without mail.activity.mixin, a search panel of other fields, a bad mode', () => {
    const errors = libraryErrors((spec) => {
      Object.assign(loan(spec), { views: {} });
      Object.assign(loan(spec).views, {
        activity: true,
        search_panel: ['returned', 'book_id', 'book_id', 'book_title'],
        calendar: { start: 'date_out', mode: 'fortnight' },
        graph: { group_by: ['book_id', 'partner_id', 'date_out'] },
      });
      Object.assign(book(spec).views, { graph: { measure: 'price' } });
    });
    assertError(errors, 'models[0].views.graph.measure', 'price is a monetary field', 'do not add up');
    assertError(errors, 'models[1].views.activity', 'mail.activity.mixin', 'models[1].mixins');
    assertError(
      errors,
      'models[1].views.search_panel[0]',
      'returned cannot be in the search panel',
      'a boolean field',
    );
    assertError(errors, 'models[1].views.search_panel[2]', 'already in the search panel');
    assertError(errors, 'models[1].views.calendar.mode', 'expected one of day, week, month, year');
    assertError(errors, 'models[1].views.graph.group_by', 'at most 2');
  });

  it('refuses smart buttons that name no records, records of another model, taken names, or records a group cannot read', () => {
    const errors = libraryErrors((spec) => {
      book(spec).fields['lending_count'] = { type: 'integer' };
      Object.assign(book(spec).views, {
        smart_buttons: [
          { label: 'Nothing' },
          { one2many: 'author_ids' },
          { model: 'res.partner', field: 'parent_id' },
          { model: 'library.loan', field: 'partner_id' },
          { one2many: 'loan_ids', model: 'library.loan' },
          { model: 'library.loan', field: 'book_id', name: 'lending' },
          { one2many: 'loan_ids', name: 'loans', label: 'Loan' },
          { one2many: 'loan_ids', name: 'loans' },
        ],
      });
      spec.security.access['library.loan'] = { manager: 'crud' };
    });
    const at = 'models[0].views.smart_buttons';
    assertError(errors, `${at}[0]`, 'expected either one2many');
    assertError(errors, `${at}[1].one2many`, 'no one2many field author_ids', 'loan_ids');
    assertError(errors, `${at}[2].model`, 'res.partner is not a model of this spec');
    assertError(
      errors,
      `${at}[3].field`,
      'library.loan has no many2one partner_id to library.book',
      'book_id',
    );
    assertError(errors, `${at}[4]`, 'expected either one2many');
    assertError(errors, `${at}[5]`, 'count field lending_count is already a field');
    assertError(errors, `${at}[6]`, 'group user may read library.book but not library.loan');
    assertError(errors, `${at}[6].label`, 'Loan Count', 'another field');
    assertError(
      errors,
      `${at}[7]`,
      'another smart button of library.book is named loans',
      'name: loans_records',
    );
  });

  it('names the line of a wrong calendar field', () => {
    const yaml = libraryYaml((spec) => {
      Object.assign(loan(spec), { views: { calendar: { start: 'date_outt' } } });
    });
    const parsed = parseSpec(yaml);
    assert.equal(parsed.ok, false);
    const error = (parsed.ok ? [] : parsed.errors).find((e) => e.path === 'models[1].views.calendar.start');
    assert.ok(error, JSON.stringify(parsed));
    assert.ok(
      error.line !== undefined && yaml.split('\n')[error.line - 1]!.includes('date_outt'),
      JSON.stringify(error),
    );
    assert.match(error.message, /did you mean date_out\?/);
  });

  it('the JSON Schema the LLM fills describes the new keys', () => {
    const text = JSON.stringify(moduleSpecJsonSchema());
    for (const key of ['calendar', 'pivot', 'graph', 'activity', 'search_panel', 'smart_buttons', 'one2many'])
      assert.match(text, new RegExp(`"${key}":`), key);
    assert.match(text, /"enum":\["day","week","month","year"\]/);
  });
});

const ROOM_BOOKING = readFileSync(
  fileURLToPath(new URL('../../examples/room_booking.yaml', import.meta.url)),
  'utf8',
);

function roomBooking(series: OdooSeries): Map<string, string> {
  const parsed = parseSpec(ROOM_BOOKING.replace(/^odoo:.*$/m, `odoo: "${series}"`));
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return generate(parsed.spec as ModuleSpec);
}

describe('more views (ModuleSpec 1.1): examples/room_booking.yaml generated per series', () => {
  const SERIES: OdooSeries[] = ['16.0', '17.0', '18.0'];

  it('lists the calendar, pivot, graph and activity views after the form, list named per series', () => {
    const modes: Record<OdooSeries, string> = { '16.0': 'tree', '17.0': 'tree', '18.0': 'list' };
    for (const series of SERIES) {
      const views = roomBooking(series).get('views/meeting_booking_views.xml')!;
      assert.match(
        views,
        new RegExp(`<field name="view_mode">${modes[series]},form,calendar,pivot,graph,activity</field>`),
        series,
      );
      for (const type of ['calendar', 'pivot', 'graph', 'activity'])
        assert.match(views, new RegExp(`<record id="meeting_booking_view_${type}" model="ir.ui.view">`));
      assert.match(
        views,
        /<pivot string="Room Booking" sample="1">\s*<field name="room_id" type="row"\/>\s*<field name="date_start" interval="month" type="col"\/>\s*<field name="attendees" type="measure"\/>/,
      );
      assert.match(
        views,
        /<graph string="Room Booking" type="bar" sample="1">\s*<field name="room_id"\/>\s*<field name="attendees" type="measure"\/>/,
      );
      assert.match(views, /<div t-name="activity-box">\s*<div>\s*<field name="reference" display="full"\/>/);
      assert.match(
        views,
        /<searchpanel>\s*<field name="room_id" icon="fa-folder" enable_counters="1"\/>\s*<\/searchpanel>\s*<\/search>/,
      );
    }
  });

  it('turns the calendar quick create off with quick_add on 16.0 and quick_create from 17.0', () => {
    const calendar = (series: OdooSeries) =>
      /<calendar [^>]*>/.exec(roomBooking(series).get('views/meeting_booking_views.xml')!)?.[0];
    assert.equal(
      calendar('16.0'),
      '<calendar string="Room Booking" date_start="date_start" date_stop="date_end" color="room_id" mode="month" quick_add="0">',
    );
    for (const series of ['17.0', '18.0'] as const)
      assert.equal(
        calendar(series),
        '<calendar string="Room Booking" date_start="date_start" date_stop="date_end" color="room_id" mode="month" quick_create="0">',
      );
  });

  it('puts the smart button first in the room form, with its count field and its method', () => {
    for (const series of SERIES) {
      const files = roomBooking(series);
      assert.match(
        files.get('views/meeting_room_views.xml')!,
        /<sheet>\s*<div class="oe_button_box" name="button_box">\s*<button name="action_view_booking" type="object" class="oe_stat_button" icon="fa-calendar">\s*<field name="booking_count" widget="statinfo" string="Bookings"\/>/,
      );
      const python = files.get('models/meeting_room.py')!;
      assert.match(
        python,
        /booking_count = fields\.Integer\(string="Bookings Count", compute="_compute_booking_count"\)/,
      );
      assert.match(python, /_for_xml_id\(\s*"room_booking\.meeting_booking_action"\s*\)/);
      assert.match(python, /action\["domain"\] = \[\("room_id", "=", self\.id\)\]/);
      const tests = files.get('tests/test_meeting_room.py')!;
      assert.match(tests, /def test_smart_button_booking_counts_and_opens\(self\):/);
      const bookingTests = files.get('tests/test_meeting_booking.py')!;
      for (const test of [
        'views_calendar_pivot_graph_activity_search',
        'pivot_sums_attendees_by_room_id',
        'activity_view_shows_a_scheduled_activity',
        'search_panel_offers_room_id',
      ])
        assert.match(bookingTests, new RegExp(`def test_${test}\\(self\\):`));
      assert.doesNotMatch(
        bookingTests,
        /def test_graph_sums/,
        'the graph measure is the pivot one: tested once',
      );
    }
  });

  it('writes nothing of the kind for a spec without the keys (the library)', () => {
    const parsed = parseSpec(libraryYaml(() => undefined));
    assert.ok(parsed.ok);
    for (const [path, body] of generate(parsed.spec)) {
      assert.doesNotMatch(body, /<calendar|<pivot|<graph|<activity|<searchpanel|oe_button_box/, path);
    }
  });
});
