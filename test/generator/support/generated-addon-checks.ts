import { parse as parseCsv } from 'csv-parse/sync';
import { KNOWN_MIXINS } from '../../../core/odoo/mixins.js';
import type { FieldType } from '../../../core/spec/module-spec.js';
import { viewFieldProblems, xmlRefProblems } from './addon-references.js';
import { where, type GeneratedCase } from './generated-case.js';
import { readXml } from './read-xml.js';
import { smartButtonCountFields, smartButtonMethods } from './random-spec-views.js';

/** One property of a generated addon: the problems found in one case (none when it holds). */
export type CaseCheck = (item: GeneratedCase) => string[];

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

export const pythonParses: CaseCheck = (item) => item.pythonErrors;

export const deterministic: CaseCheck = (item) =>
  item.nondeterministic ? [where(item, 'generating twice gave other bytes')] : [];

export const xmlWellFormed: CaseCheck = (item) => {
  const failures: string[] = [];
  for (const [path, source] of item.files) {
    if (!path.endsWith('.xml')) continue;
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
  return failures;
};

const ACCESS_HEADER = 'id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink';

export const csvWellFormed: CaseCheck = (item) => {
  const failures: string[] = [];
  for (const [path, source] of item.files) {
    if (!path.endsWith('.csv')) continue;
    try {
      const rows = parseCsv(source, { relax_column_count: false }) as string[][];
      const widths = new Set(rows.map((row) => row.length));
      if (widths.size !== 1) failures.push(`${where(item, path)}: rows of ${[...widths].join(', ')} columns`);
      if (path.endsWith('ir.model.access.csv') && rows[0]?.join(',') !== ACCESS_HEADER)
        failures.push(`${where(item, path)}: header ${rows[0]?.join(',')}`);
      if (rows.length < 2) failures.push(`${where(item, path)}: no data row`);
    } catch (error) {
      failures.push(`${where(item, path)}: ${(error as Error).message}`);
    }
  }
  return failures;
};

export const manifestListsFiles: CaseCheck = (item) => {
  const manifest = item.manifest;
  const at = where(item, '__manifest__.py');
  if (!manifest) return [`${at}: not read`];
  const failures: string[] = [];
  if (!String(manifest['version']).startsWith(`${item.spec.odoo}.`))
    failures.push(`${at}: version ${String(manifest['version'])}`);
  for (const key of ['data', 'demo']) {
    const listed = (manifest[key] ?? []) as unknown[];
    if (!Array.isArray(listed)) failures.push(`${at}: ${key} is not a list`);
    for (const file of listed)
      if (typeof file !== 'string' || !item.files.has(file))
        failures.push(`${at}: ${key} lists ${String(file)}, which is not generated`);
    if (new Set(listed).size !== listed.length) failures.push(`${at}: ${key} lists a file twice`);
  }
  const loaded = new Set([...loadOrder(item)]);
  for (const path of item.files.keys())
    if (/\.(xml|csv)$/.test(path) && !loaded.has(path))
      failures.push(`${where(item, path)}: generated but not in the manifest`);
  return failures;
};

function loadOrder(item: GeneratedCase): string[] {
  return [...((item.manifest?.['data'] ?? []) as string[]), ...((item.manifest?.['demo'] ?? []) as string[])];
}

export const viewsNameFields: CaseCheck = (item) =>
  viewFieldProblems(item.spec, item.files).map((problem) => where(item, problem));

export const xmlIdsDefinedFirst: CaseCheck = (item) =>
  xmlRefProblems(item.spec, item.files, loadOrder(item)).map((problem) => where(item, problem));

export const fieldsDeclaredOnce: CaseCheck = (item) => {
  const failures: string[] = [];
  const owners = [
    ...(item.spec.models ?? []).map((model) => ({
      name: model.name,
      fields: { ...model.fields, ...smartButtonCountFields(item.spec, model) },
    })),
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
      failures.push(`${where(item, path)}: declares ${declared.join(', ')}; expected ${expected.join(', ')}`);
  }
  return failures;
};

const ORM_NAMES = new Set([
  'write',
  'exists',
  'flush_recordset',
  'invalidate_recordset',
  'display_name',
  'id',
]);

export const testsUseModelMembers: CaseCheck = (item) => {
  const failures: string[] = [];
  const owners = [
    ...(item.spec.models ?? []).map((model) => ({
      name: model.name,
      fields: { ...model.fields, ...smartButtonCountFields(item.spec, model) },
      buttons: [
        // ModuleSpec 1.1 more views: smart buttons open their records; an activity is scheduled.
        ...smartButtonMethods(item.spec, model),
        ...(model.views?.activity ? ['activity_schedule'] : []),
        ...(model.workflow?.buttons ?? []).map((button) => button.name),
        // A scheduled job's test applies it to a record (ModuleSpec 1.1).
        ...(model.scheduled ?? []).map((job) => `_cron_${job.name}_apply`),
        // A mail template's tests send it and press its Send by email button (ModuleSpec 1.1).
        ...(model.mail_templates ?? []).flatMap((template) => [`_mail_${template.name}_send`, `action_send_${template.name}`]),
      ],
      mixinFields: (model.mixins ?? []).flatMap((mixin) => Object.keys(KNOWN_MIXINS[mixin]?.fields ?? {})),
    })),
    ...(item.spec.extend ?? []).map((extension) => ({
      name: extension.model,
      fields: extension.fields,
      buttons: [] as string[],
      mixinFields: [] as string[],
    })),
  ];
  for (const owner of owners) {
    const path = `tests/test_${owner.name.replace(/\./g, '_')}.py`;
    const source = item.files.get(path);
    if (source === undefined) continue;
    for (const match of source.matchAll(/\brecord\.(\w+)(\()?/g)) {
      const [name, call] = [match[1] ?? '', match[2] !== undefined];
      const known =
        ORM_NAMES.has(name) ||
        (call ? owner.buttons.includes(name) : owner.fields[name] !== undefined || owner.mixinFields.includes(name));
      if (!known)
        failures.push(
          `${where(item, path)}: record.${name}${call ? '()' : ''} is not a ${call ? 'button' : 'field'} of ${owner.name}`,
        );
    }
  }
  return failures;
};

export const initsImportWhatExists: CaseCheck = (item) => {
  const failures: string[] = [];
  for (const [path, source] of item.files) {
    if (!path.endsWith('__init__.py')) continue;
    const folder = path.slice(0, -'__init__.py'.length);
    const imported = [...source.matchAll(/^from \. import (\w+)$/gm)].map((match) => match[1] ?? '');
    for (const module of imported)
      if (!item.files.has(`${folder}${module}.py`) && !item.files.has(`${folder}${module}/__init__.py`))
        failures.push(`${where(item, path)}: imports ${module}, which is not generated`);
    if (folder === '') continue;
    for (const file of item.files.keys()) {
      const inFolder = file.startsWith(folder) && !file.slice(folder.length).includes('/');
      if (
        inFolder &&
        file.endsWith('.py') &&
        file !== path &&
        !imported.map((m) => `${folder}${m}.py`).includes(file)
      )
        failures.push(`${where(item, file)}: not imported by ${path}`);
    }
  }
  return failures;
};
