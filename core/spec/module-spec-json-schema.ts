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

/** Field keys shared by `models[].fields{}` and `extend[].fields{}`. */
const FIELD_KEYS: Readonly<Record<string, string>> = {
  'sequence.prefix':
    'Text before the number; may hold date parts %(year)s, %(month)s, %(day)s, %(y)s (two-digit year), %(doy)s, %(woy)s, %(weekday)s, %(h24)s, %(h12)s, %(min)s, %(sec)s; %% is a percent sign.',
  'sequence.suffix': 'Text after the number; the same date parts as prefix.',
  'sequence.padding': 'The number of digits of the number, 1 to 12 (default 4: 0001).',
};

/** Constraint keys shared by `models[].constraints[]` and `extend[].constraints[]` (no_overlap: models only). */
const CONSTRAINT_KEYS: Readonly<Record<string, string>> = {
  'no_overlap.same': 'The stored field whose equal values may not overlap (a room, a resource).',
  'no_overlap.start': 'The stored date or datetime field where a range starts.',
  'no_overlap.end':
    'The stored field (of the same type as start) where a range ends; a range may start where another ends.',
};

/** Descriptions of the ModuleSpec 1.1 keys that the zod schema does not describe itself. */
const KEY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  ...prefixed('models[].fields{}.', FIELD_KEYS),
  ...prefixed('extend[].fields{}.', FIELD_KEYS),
  ...prefixed('models[].constraints[].', CONSTRAINT_KEYS),
  ...prefixed('extend[].constraints[].', CONSTRAINT_KEYS),
  'models[].scheduled[].name':
    'The job name: the cron record ir_cron_<table>_<name> and the methods _cron_<name>, _cron_<name>_domain, _cron_<name>_apply.',
  'models[].scheduled[].label': "The cron's name, shown after the model's title (default: from name).",
  'models[].scheduled[].every': 'How often the job runs: {number: 1, unit: days}.',
  'models[].scheduled[].every.number': 'How many units between two runs, at least 1.',
  'models[].scheduled[].every.unit': 'minutes, hours, days, weeks or months.',
  'models[].scheduled[].domain':
    "The records the job handles, a domain as a Python list that may use today (a date) and now (a datetime), e.g. \"[('deadline', '<', today)]\"; default all records. Exclude the records the job already handled.",
  'models[].scheduled[].write': 'A job that writes plain values onto the matching records: {field: value}.',
  'models[].scheduled[].move_to':
    'A job that moves the matching records to this workflow state (from the states a workflow button leads from to it).',
  'models[].scheduled[].send_mail':
    "A job that sends this mail template (a name of the model's mail_templates) to each matching record.",
  'models[].scheduled[].activity':
    'A job that schedules a To Do activity on each matching record (the model needs mail.activity.mixin).',
  'models[].scheduled[].activity.summary': "The activity's summary.",
  'models[].scheduled[].activity.note': "The activity's note.",
  'models[].scheduled[].activity.days': 'Days after today the activity is due (default 0).',
  'models[].scheduled[].activity.user_field':
    "A many2one to res.users of the model: the activity's user (default the cron's user).",
  'models[].stages[]': 'A default stage: its name, or {name: "Done", fold: true} for a folded kanban column.',
  'models[].stages[].name': 'The name of the stage (a kanban column).',
  'models[].stages[].fold': 'true: the column is folded in the kanban (a closing stage).',
  'models[].mail_templates[].name':
    'The template name: its XML id mail_template_<table>_<name> and the methods _mail_<name>_send, action_send_<name>.',
  'models[].mail_templates[].label':
    "The template's name in Odoo, after the model's title (default: from name).",
  'models[].mail_templates[].subject': 'The subject, with {{ field }} placeholders (fields of the record).',
  'models[].mail_templates[].body':
    'The body, with {{ field }} placeholders; a blank line starts a new paragraph. A many2one shows its name.',
  'models[].mail_templates[].to':
    'The recipient: a many2one to res.partner (the partner) or a char field holding an email address.',
  'models[].mail_templates[].send_on': 'Workflow buttons that send the mail after they move the record.',
  'models[].mail_templates[].button':
    'A header button opening the mail composer with the template: true ("Send by email") or its label.',
  'models[].wizards[].name': 'The wizard name: its transient model is <model>.<name>.wizard.',
  'models[].wizards[].label': "The dialog's title, its form button and its Action menu entry.",
  'models[].wizards[].fields':
    'The fields the dialog asks for: char, text, integer, float, boolean, date, datetime, selection (with options), many2one (with comodel).',
  'models[].wizards[].fields{}': 'A field of the dialog: {type: date, string: New due date, required: true}.',
  'models[].wizards[].fields{}.type':
    'char, text, integer, float, boolean, date, datetime, selection or many2one.',
  'models[].wizards[].fields{}.string': 'The label (default: from the name).',
  'models[].wizards[].fields{}.required': 'true: Confirm needs a value.',
  'models[].wizards[].fields{}.help': 'A tooltip.',
  'models[].wizards[].fields{}.options': 'A selection field: {key: Label}, keys the record field has.',
  'models[].wizards[].fields{}.comodel': 'A many2one field: the related model.',
  'models[].wizards[].write':
    'Wizard fields whose values Confirm writes onto the selected records (a field of the model of the same name and type).',
  'models[].wizards[].move_to': 'A workflow state Confirm moves the selected records to.',
  'models[].wizards[].button': "A header button of the record's form opening the wizard (default true).",
  'models[].wizards[].list_action':
    "An entry of the list's Action menu opening the wizard on the selection (default true).",
  'models[].reports[].title':
    'The title printed on the page and the name in the Print menu; one per report of a model.',
  'models[].reports[].fields': 'Fields printed as label and value, one per row (display_name and id too).',
  'models[].reports[].lines': 'One2many fields of the model → the columns of a table of their lines.',
  'models[].views.calendar.start': 'A stored date or datetime field: where a record starts.',
  'models[].views.calendar.stop': 'A stored date or datetime field (not start): where a record ends.',
  'models[].views.calendar.color': 'A many2one, selection or integer field that colours the records.',
  'models[].views.calendar.mode': 'The scale shown first: day, week, month (default) or year.',
  'models[].views.pivot.rows': 'Stored groupable fields grouped in rows (a date by month).',
  'models[].views.pivot.columns': 'Stored groupable fields grouped in columns (a date by month).',
  'models[].views.pivot.measures':
    'Stored integer or float fields summed (not monetary: amounts of several currencies do not add up).',
  'models[].views.graph.type': 'bar (default), line or pie.',
  'models[].views.graph.group_by': 'One or two stored groupable fields.',
  'models[].views.graph.measure':
    'A stored integer or float field (not monetary); default the count of records.',
  'models[].views.smart_buttons[].one2many': 'A one2many of the model: the records counted.',
  'models[].views.smart_buttons[].model': 'A model of the spec whose many2one `field` points at this model.',
  'models[].views.smart_buttons[].field': 'The stored many2one of `model` pointing at this model.',
  'models[].views.smart_buttons[].name':
    'Names the count field <name>_count and the method action_view_<name> (default: from the one2many or the model).',
  'models[].views.smart_buttons[].label':
    "The button's label (default: the field's label or the model's title).",
  'models[].views.smart_buttons[].icon': 'A Font Awesome icon such as fa-calendar.',
  'settings[].name':
    'The field of res.config.settings; not company_id or another field it has, not starting with default_, group_ or module_.',
  'settings[].type': 'boolean, char, integer, float or selection.',
  'settings[].label': 'The label shown in the Settings app.',
  'settings[].help': 'A help text shown under the label.',
  'settings[].options': 'A selection setting: {key: Label}.',
  'settings[].default':
    "The value before anyone sets it, of the setting's type (an option key); a boolean config_parameter cannot default to true.",
  'settings[].config_parameter':
    'Kept as a system parameter (ir.config_parameter): true for the key <module>.<name>, or the dotted key.',
  'settings[].company_field':
    'Kept on the company (each company its own value): true for a res.company field of the same name, or its name.',
  'data{}':
    'The records of one model of the spec (not a stage model: its stages are its data), in the order they load.',
  'data{}[]':
    'A data record: {id: tag_math, values: {name: Mathematics}}, noupdate unless it says noupdate: false.',
  'data{}[].id': "The record's XML id in the addon; other records refer to it as {ref: <id>}.",
  'data{}[].values':
    'The field values, typed like demo values: a many2one as {ref: <id>} of an earlier data record, a default stage or a dependency (never a demo record).',
};

function prefixed(prefix: string, keys: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(keys).map(([key, text]) => [`${prefix}${key}`, text]));
}
