import { z } from 'zod';
import { moduleSpecSchema } from './module-spec-schema.js';

/**
 * The ModuleSpec as JSON Schema (draft 2020-12): drives the LLM's structured output (a tool's
 * input_schema) and the documentation. Cross-reference rules are not expressible here; the
 * result of an LLM is always validated with `parseSpec`/`validateSpecObject` afterwards.
 *
 * A key is named by its place in the schema: `models[]` an item of a list, `fields{}` a value
 * of a mapping (`models[].fields{}.sequence`). The keys of ModuleSpec 1.1 are listed in
 * `MODULE_SPEC_1_1_KEYS`; each carries a description (its zod `.describe()`, else the text of
 * `KEY_DESCRIPTIONS`), which is what the LLM reads about it.
 */
export function moduleSpecJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(moduleSpecSchema, { target: 'draft-2020-12', io: 'input' }) as Record<
    string,
    unknown
  >;
  const nodes = schemaKeys(schema);
  for (const [path, description] of Object.entries(KEY_DESCRIPTIONS)) {
    const node = nodes.get(path);
    // The table names keys of the zod schema: a key renamed there must be renamed here too.
    if (node === undefined)
      throw new Error(`module-spec-json-schema: no key ${path} in the ModuleSpec schema`);
    if (typeof node['description'] !== 'string') node['description'] = description;
  }
  return schema;
}

/** The ModuleSpec 1.1 keys (issue 12), each documented in docs/module-spec.md with an excerpt. */
export const MODULE_SPEC_1_1_KEYS = [
  'models[].fields{}.sequence',
  'models[].fields{}.compute.expression',
  'models[].constraints[].condition',
  'models[].constraints[].no_overlap',
  'models[].stages',
  'models[].scheduled',
  'models[].mail_templates',
  'models[].wizards',
  'models[].reports',
  'models[].views.calendar',
  'models[].views.pivot',
  'models[].views.graph',
  'models[].views.activity',
  'models[].views.search_panel',
  'models[].views.smart_buttons',
  'models[].company',
  'settings',
  'data',
] as const;

/** Every key of a JSON Schema by its path (`models[].fields{}.type`), each node once per place. */
export function schemaKeys(schema: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const keys = new Map<string, Record<string, unknown>>();
  const walk = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    const object = node as Record<string, unknown>;
    const properties = object['properties'];
    if (properties !== null && typeof properties === 'object') {
      for (const [key, child] of Object.entries(properties as Record<string, unknown>)) {
        const at = path === '' ? key : `${path}.${key}`;
        if (child !== null && typeof child === 'object') keys.set(at, child as Record<string, unknown>);
        walk(child, at);
      }
    }
    for (const [key, mark] of [
      ['items', '[]'],
      ['additionalProperties', '{}'],
    ] as const) {
      const child = object[key];
      if (child !== null && typeof child === 'object')
        keys.set(`${path}${mark}`, child as Record<string, unknown>);
      walk(child, `${path}${mark}`);
    }
    for (const branch of ['anyOf', 'oneOf', 'allOf'])
      if (Array.isArray(object[branch])) for (const each of object[branch] as unknown[]) walk(each, path);
  };
  walk(schema, '');
  return keys;
}

/**
 * Short descriptions of the ModuleSpec 1.1 keys that the zod schema does not describe itself
 * (each call of the LLM carries the schema: every word here costs tokens on every draft).
 */
const KEY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  ...prefixed('models[].fields{}.sequence.', {
    prefix: 'Text before the number; may hold %(year)s, %(month)s, %(day)s, %(y)s.',
    suffix: 'Text after the number.',
    padding: 'Digits of the number, 1-12 (default 4).',
  }),
  ...prefixed('models[].constraints[].no_overlap.', {
    same: 'The field whose equal values may not overlap (a room).',
    start: 'A stored date or datetime field: where a range starts.',
    end: 'A field of the same type: where it ends.',
  }),
  ...prefixed('models[].scheduled[].', {
    name: 'Names the methods _cron_<name>*.',
    label: "The cron's name.",
    every: '{number: 1, unit: days}.',
    'every.number': 'At least 1.',
    'every.unit': 'minutes, hours, days, weeks or months.',
    domain: 'The records handled; may use today and now. Exclude records already handled.',
    write: 'Job: write {field: value}.',
    move_to: 'Job: move to this workflow state.',
    send_mail: 'Job: send this mail template of the model.',
    activity: 'Job: schedule an activity (needs mail.activity.mixin).',
    'activity.summary': 'Its summary.',
    'activity.note': 'Its note.',
    'activity.days': 'Due this many days after today (default 0).',
    'activity.user_field': "A many2one to res.users: the activity's user.",
  }),
  'models[].stages[]': 'A stage name, or {name: Done, fold: true}.',
  'models[].stages[].name': 'The stage (a kanban column).',
  'models[].stages[].fold': 'Folded in the kanban.',
  ...prefixed('models[].mail_templates[].', {
    name: 'Names the methods _mail_<name>_send, action_send_<name>.',
    label: "The template's name.",
    subject: 'With {{ field }} placeholders.',
    body: 'With {{ field }} placeholders; a blank line starts a paragraph.',
    to: 'The recipient: a many2one to res.partner or a char email field.',
    send_on: 'Workflow buttons that send it.',
    button: 'A header button opening the composer: true or its label.',
  }),
  ...prefixed('models[].wizards[].', {
    name: 'The model <model>.<name>.wizard.',
    label: 'The dialog title, its button and Action menu entry.',
    fields: 'The fields the dialog asks for.',
    'fields{}': 'A field of the dialog.',
    'fields{}.type': 'char, text, integer, float, boolean, date, datetime, selection or many2one.',
    'fields{}.string': 'The label.',
    'fields{}.required': 'Confirm needs a value.',
    'fields{}.help': 'A tooltip.',
    'fields{}.options': 'A selection: {key: Label}.',
    'fields{}.comodel': 'A many2one: its model.',
    write: 'Wizard fields written onto the records field of the same name.',
    move_to: 'A workflow state the records move to.',
    button: 'A form header button (default true).',
    list_action: "In the list's Action menu (default true).",
  }),
  ...prefixed('models[].reports[].', {
    title: 'The page title and Print menu entry.',
    fields: 'Fields printed, label and value.',
    lines: 'one2many field → the columns of its table.',
  }),
  ...prefixed('models[].views.', {
    'calendar.start': 'A stored date or datetime field.',
    'calendar.stop': 'A stored date or datetime field.',
    'calendar.color': 'A many2one, selection or integer field.',
    'calendar.mode': 'day, week, month (default) or year.',
    'pivot.rows': 'Stored fields in rows.',
    'pivot.columns': 'Stored fields in columns.',
    'pivot.measures': 'Stored integer or float fields (not monetary).',
    'graph.type': 'bar (default), line or pie.',
    'graph.group_by': 'One or two stored fields.',
    'graph.measure': 'A stored integer or float field (not monetary).',
    'smart_buttons[].one2many': 'A one2many of the model: the records counted.',
    'smart_buttons[].model': 'Or a model of the spec ...',
    'smart_buttons[].field': '... and its many2one to this model.',
    'smart_buttons[].name': 'Names <name>_count and action_view_<name>.',
    'smart_buttons[].label': "The button's label.",
    'smart_buttons[].icon': 'A Font Awesome icon (fa-calendar).',
  }),
  ...prefixed('settings[].', {
    name: 'The res.config.settings field (not default_*, group_*, module_*).',
    type: 'boolean, char, integer, float or selection.',
    label: 'Its label.',
    help: 'Shown under the label.',
    options: 'A selection: {key: Label}.',
    default: 'The value before anyone sets it.',
    config_parameter: 'A system parameter: true (<module>.<name>) or its key.',
    company_field: 'On the company: true (same name) or the res.company field.',
  }),
  'data{}': 'The records of a model of the spec, in load order.',
  'data{}[]': 'A record {id, values}.',
  'data{}[].id': 'Its XML id: others refer to it as {ref: <id>}.',
  'data{}[].values': 'Typed like demo values; a many2one as {ref: <earlier data record or dependency id>}.',
};

function prefixed(prefix: string, keys: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(keys).map(([key, text]) => [`${prefix}${key}`, text]));
}
