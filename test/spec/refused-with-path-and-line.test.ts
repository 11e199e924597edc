import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSpec } from '../../core/spec/parse-spec.js';

/**
 * Issue 12 ("bad specs for each feature are refused with the path and line"): one valid spec
 * that uses every ModuleSpec 1.1 feature, and for each feature one edit that makes it wrong.
 * The spec is then refused with exactly one error, at the path of the bad value and at the line
 * marked `#!` in the edited text (the line of the key, from core/spec/spec-locator.ts), with a
 * message that names the bad value. The features' own test files hold more refusals each.
 */
const BASE = `spec_version: 1
odoo: "17.0"
module:
  name: forge_audit
  title: Forge Audit
  depends: [mail]
models:
  - name: forge.audit.stage
    title: Audit Stage
    stages:
      - New
      - Done
    fields:
      name: {type: char, required: true}
  - name: forge.audit.ticket
    title: Audit Ticket
    mixins: [mail.thread, mail.activity.mixin]
    company: true
    fields:
      name: {type: char, required: true}
      reference:
        type: char
        sequence:
          prefix: "T/%(year)s/"
          padding: 4
      stage_id: {type: many2one, comodel: forge.audit.stage}
      partner_id: {type: many2one, comodel: res.partner}
      date_start: {type: date}
      date_end: {type: date}
      quantity: {type: integer}
      price: {type: float}
      total:
        type: float
        compute:
          expression: "quantity * price"
      state:
        type: selection
        options: {open: Open, closed: Closed}
        default: open
    constraints:
      - condition: "date_end >= date_start"
        message: A ticket ends after it starts.
      - no_overlap:
          same: partner_id
          start: date_start
          end: date_end
        message: Overlaps another ticket of this partner.
    workflow:
      field: state
      buttons:
        - {name: action_close, label: Close, from: [open], to: closed}
    scheduled:
      - name: close_old
        every: {number: 1, unit: days}
        domain: "[('date_end', '<', today)]"
        move_to: closed
    mail_templates:
      - name: closed
        label: Closed
        subject: "Ticket {{ name }} closed"
        body: "Dear {{ partner_id }}"
        to: partner_id
        send_on: [action_close]
    wizards:
      - name: reprice
        label: Reprice
        fields:
          price: {type: float, required: true}
        write:
          - price
    reports:
      - title: Ticket card
        fields:
          - name
          - reference
    views:
      calendar:
        start: date_start
        stop: date_end
settings:
  - name: forge_audit_days
    type: integer
    label: Days
    config_parameter: true
    default: 3
data:
  forge.audit.ticket:
    - id: ticket_default
      values:
        name: Default
`;

interface Refusal {
  feature: string;
  title: string;
  /** The text of BASE that the edit replaces (found exactly once). */
  from: string;
  /** The new text; its bad line ends with the marker `#!`. */
  to: string;
  path: string;
  message: string;
}

const REFUSALS: Refusal[] = [
  {
    feature: 'sequences',
    title: 'sequences: an unknown date part in the prefix',
    from: '          prefix: "T/%(year)s/"\n',
    to: '          prefix: "T/%(yaer)s/"  #!\n',
    path: 'models[1].fields.reference.sequence.prefix',
    message: 'unknown date part %(yaer)s',
  },
  {
    feature: 'compute expression',
    title: 'computed fields by expression: a field the model lacks',
    from: '          expression: "quantity * price"\n',
    to: '          expression: "quantity * prize"  #!\n',
    path: 'models[1].fields.total.compute.expression',
    message: 'has no field prize',
  },
  {
    feature: 'python constraint',
    title: 'Python constraints: a condition over a field the model lacks',
    from: '      - condition: "date_end >= date_start"\n',
    to: '      - condition: "date_end >= date_begin"  #!\n',
    path: 'models[1].constraints[0].condition',
    message: 'has no field date_begin',
  },
  {
    feature: 'no overlap',
    title: 'no overlap: ranges of a field the model lacks',
    from: '          same: partner_id\n',
    to: '          same: room_id  #!\n',
    path: 'models[1].constraints[1].no_overlap.same',
    message: 'room_id is not a stored field',
  },
  {
    feature: 'stages',
    title: 'stages: a stage listed twice',
    from: '      - New\n      - Done\n',
    to: '      - New\n      - New  #!\n',
    path: 'models[0].stages[1]',
    message: 'listed twice',
  },
  {
    feature: 'scheduled',
    title: 'scheduled actions: a move to a state no button leads to',
    from: '        move_to: closed\n',
    to: '        move_to: open  #!\n',
    path: 'models[1].scheduled[0].move_to',
    message: 'no workflow button leads to open',
  },
  {
    feature: 'mail templates',
    title: 'mail templates: recipients from a field the model lacks',
    from: '        to: partner_id\n',
    to: '        to: customer_id  #!\n',
    path: 'models[1].mail_templates[0].to',
    message: 'has no field customer_id',
  },
  {
    feature: 'wizards',
    title: 'wizards: writing a field the model lacks',
    from: '          - price\n    reports',
    to: '          - prize  #!\n    reports',
    path: 'models[1].wizards[0].write[0]',
    message: 'did you mean price?',
  },
  {
    feature: 'reports',
    title: 'reports: a field the model lacks',
    from: '          - reference\n',
    to: '          - referenc  #!\n',
    path: 'models[1].reports[0].fields[1]',
    message: 'has no field referenc',
  },
  {
    feature: 'more views',
    title: 'more views: a calendar that starts on a field that is no date',
    from: 'calendar:\n        start: date_start\n',
    to: 'calendar:\n        start: partner_id  #!\n',
    path: 'models[1].views.calendar.start',
    message: 'a calendar starts on a stored date or datetime field',
  },
  {
    feature: 'multi-company',
    title: 'multi-company: a declared company_id to another comodel',
    from: '      name: {type: char, required: true}\n      reference:',
    to: '      name: {type: char, required: true}\n      company_id:\n        type: many2one\n        comodel: res.partner  #!\n      reference:',
    path: 'models[1].fields.company_id.comodel',
    message: 'its company_id is a many2one to res.company, not res.partner',
  },
  {
    feature: 'settings',
    title: 'settings: a default of the wrong type',
    from: '    default: 3\n',
    to: '    default: three  #!\n',
    path: 'settings[0].default',
    message: 'expected a whole number',
  },
  {
    feature: 'data records',
    title: 'data records: a value of a field the model lacks',
    from: '        name: Default\n',
    to: '        name: Default\n        quantty: 3  #!\n',
    path: 'data["forge.audit.ticket"][0].values.quantty',
    message: 'did you mean quantity?',
  },
];

describe('every ModuleSpec 1.1 feature refuses a bad spec with the path and line (issue 12)', () => {
  it('accepts the spec that uses them all', () => {
    const result = parseSpec(BASE);
    assert.deepEqual(result.ok ? [] : result.errors, []);
  });

  it('has a refusal for each of the twelve features of issue 12', () => {
    const features = new Set(REFUSALS.map((refusal) => refusal.feature));
    for (const feature of [
      'sequences',
      'compute expression',
      'python constraint',
      'no overlap',
      'stages',
      'scheduled',
      'mail templates',
      'wizards',
      'reports',
      'more views',
      'multi-company',
      'settings',
      'data records',
    ])
      assert.ok(features.has(feature), `no refusal for ${feature}`);
  });

  for (const refusal of REFUSALS) {
    it(`refuses ${refusal.title}, at ${refusal.path} and its line`, () => {
      assert.equal(
        BASE.split(refusal.from).length,
        2,
        `the edit's text is in the spec once: ${refusal.from}`,
      );
      const yaml = BASE.replace(refusal.from, refusal.to);
      const line = yaml.split('\n').findIndex((text) => text.endsWith('#!')) + 1;
      assert.ok(line > 0, 'the edit marks its bad line with #!');
      const result = parseSpec(yaml);
      assert.equal(result.ok, false, 'the spec is refused');
      const errors = result.ok ? [] : result.errors;
      assert.deepEqual(
        errors.map((error) => ({ path: error.path, line: error.line })),
        [{ path: refusal.path, line }],
        JSON.stringify(errors, null, 1),
      );
      assert.ok(errors[0]?.message.includes(refusal.message), `message: ${errors[0]?.message ?? ''}`);
    });
  }
});
