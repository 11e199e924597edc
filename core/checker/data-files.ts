import { parse as parseCsv } from 'csv-parse/sync';
import type { AddonInput } from './addon-input.js';
import { normalizePath } from './manifest-rules.js';
import type {
  FindingSink,
  ManifestInfo,
  ViewRecord,
  XmlIdDefinition,
  XmlIdReference,
} from './module-summary.js';
import { parseXml, walkElements, type XmlElement } from './xml-tree.js';

/** An ir.ui.view record with its arch, for the view rules. */
export interface ViewDefinition extends ViewRecord {
  file: string;
  line: number;
  type?: string;
  mode?: string;
  arch?: XmlElement;
}

/** A row of an ir.model.access CSV file or record. */
export interface AccessRow {
  file: string;
  line: number;
  id: string;
  modelRef?: string;
  groupRef?: string;
}

export interface ActionViewMode {
  file: string;
  line: number;
  value: string;
  field: string;
}

/** What the data and demo files of one addon define and reference. */
export interface DataFacts {
  definitions: XmlIdDefinition[];
  references: XmlIdReference[];
  views: ViewDefinition[];
  access: AccessRow[];
  viewModes: ActionViewMode[];
}

const DATA_ROOTS = new Set(['odoo', 'openerp', 'data']);
const PERCENT_REF = /(?:^|[^%])%\(([^)]*)\)[ds]/g;

interface FileContext {
  module: string;
  file: string;
  fileIndex: number;
  demo: boolean;
  facts: DataFacts;
  position: number;
}

function fullId(module: string, raw: string): string {
  return raw.includes('.') ? raw : `${module}.${raw}`;
}

function define(ctx: FileContext, raw: string, model: string, line: number): void {
  ctx.facts.definitions.push({
    id: fullId(ctx.module, raw),
    model,
    file: ctx.file,
    line,
    fileIndex: ctx.fileIndex,
    position: ctx.position++,
    demo: ctx.demo,
  });
}

function refer(
  ctx: FileContext,
  raw: string,
  element: XmlElement,
  use: string,
  severity: 'error' | 'warning' = 'error',
): void {
  const trimmed = raw.trim();
  if (!trimmed) return;
  ctx.facts.references.push({
    raw: trimmed,
    id: fullId(ctx.module, trimmed),
    file: ctx.file,
    line: element.line,
    column: element.column,
    fileIndex: ctx.fileIndex,
    position: ctx.position++,
    demo: ctx.demo,
    use,
    severity,
  });
}

/** `%(xmlid)d` references in an arch, resolved by Odoo when the file is loaded. */
function percentRefs(ctx: FileContext, arch: XmlElement): void {
  for (const element of walkElements(arch)) {
    const texts = [element.text, ...Object.values(element.attrs)];
    for (const text of texts) {
      if (!text.includes('%(')) continue;
      for (const match of text.matchAll(PERCENT_REF)) {
        if (match[1]) refer(ctx, match[1], element, `%(${match[1]})d in <${element.tag}>`);
      }
    }
  }
}

function fieldText(record: XmlElement, name: string): XmlElement | undefined {
  return record.children.find((child) => child.tag === 'field' && child.attrs.name === name);
}

function readRecord(ctx: FileContext, record: XmlElement): void {
  const model = record.attrs.model ?? '';
  for (const field of record.children) {
    if (field.tag !== 'field') continue;
    const name = field.attrs.name ?? '';
    if (field.attrs.ref !== undefined)
      refer(ctx, field.attrs.ref, field, `field "${name}" of a ${model} record`);
    if (field.attrs.type === 'xml' || field.attrs.type === 'html') percentRefs(ctx, field);
    for (const child of field.children) if (child.tag === 'record') readRecord(ctx, child);
  }
  if (model === 'ir.ui.view' || model === 'theme.ir.ui.view') {
    const archField =
      fieldText(record, 'arch') ?? fieldText(record, 'arch_db') ?? fieldText(record, 'arch_base');
    const arch = archField?.children[0];
    if (archField) {
      for (const element of walkElements(archField)) {
        for (const group of (element.attrs.groups ?? '').split(',')) {
          refer(ctx, group.trim().replace(/^!/, ''), element, 'groups of a view element', 'warning');
        }
      }
    }
    const typeText = fieldText(record, 'type')?.text.trim();
    ctx.facts.views.push({
      id: fullId(ctx.module, record.attrs.id ?? `<anonymous view line ${record.line}>`),
      file: ctx.file,
      line: record.line,
      model: fieldText(record, 'model')?.text.trim() || undefined,
      inheritId: fieldText(record, 'inherit_id')?.attrs.ref
        ? fullId(ctx.module, fieldText(record, 'inherit_id')?.attrs.ref ?? '')
        : undefined,
      type: typeText || undefined,
      mode: fieldText(record, 'mode')?.text.trim() || undefined,
      qweb: typeText === 'qweb' || arch?.tag === 't' || (arch?.tag === 'template' && !archField?.attrs.type),
      arch,
    });
  }
  if (model === 'ir.actions.act_window' || model === 'ir.actions.act_window.view') {
    const mode = fieldText(record, 'view_mode');
    if (mode)
      ctx.facts.viewModes.push({
        file: ctx.file,
        line: mode.line,
        value: mode.text.trim(),
        field: `${model} view_mode`,
      });
  }
  if (model === 'ir.model.access') {
    const modelRef = fieldText(record, 'model_id')?.attrs.ref;
    const groupRef = fieldText(record, 'group_id')?.attrs.ref;
    ctx.facts.access.push({
      file: ctx.file,
      line: record.line,
      id: record.attrs.id ?? '',
      modelRef,
      groupRef,
    });
  }
  if (record.attrs.id) define(ctx, record.attrs.id, model, record.line);
}

function readMenu(ctx: FileContext, menu: XmlElement, nested: boolean): void {
  if (!nested && menu.attrs.parent) refer(ctx, menu.attrs.parent, menu, 'menuitem parent');
  if (menu.attrs.action) refer(ctx, menu.attrs.action, menu, 'menuitem action');
  for (const group of (menu.attrs.groups ?? '').split(',')) {
    refer(ctx, group.trim().replace(/^-/, ''), menu, 'menuitem groups');
  }
  if (menu.attrs.id) define(ctx, menu.attrs.id, 'ir.ui.menu', menu.line);
  for (const child of menu.children) if (child.tag === 'menuitem') readMenu(ctx, child, true);
}

function readTemplate(ctx: FileContext, template: XmlElement): void {
  // theme_* modules load templates as theme.ir.ui.view, whose inherit_id is resolved later, per website.
  const theme = ctx.module.startsWith('theme_');
  if (template.attrs.inherit_id && !theme)
    refer(ctx, template.attrs.inherit_id, template, 'template inherit_id');
  for (const group of (template.attrs.groups ?? '').split(','))
    refer(ctx, group, template, 'template groups');
  percentRefs(ctx, template);
  const id = template.attrs.id ?? template.attrs['t-name'];
  if (id) {
    ctx.facts.views.push({
      id: fullId(ctx.module, id),
      file: ctx.file,
      line: template.line,
      inheritId: template.attrs.inherit_id ? fullId(ctx.module, template.attrs.inherit_id) : undefined,
      qweb: true,
    });
    define(ctx, id, 'ir.ui.view', template.line);
  }
}

/** `<function model="ir.model.data" name="_update_xmlids">` gives ids to records made in Python. */
function readFunction(ctx: FileContext, element: XmlElement): void {
  if (element.attrs.name !== '_update_xmlids') return;
  for (const node of walkElements(element)) {
    for (const text of [node.text, node.attrs.eval ?? '']) {
      for (const match of text.matchAll(/['"]xml_id['"]\s*:\s*['"]([\w.]+)['"]/g)) {
        if (match[1]) define(ctx, match[1], '', node.line);
      }
    }
  }
}

function readRoot(ctx: FileContext, root: XmlElement): void {
  for (const child of root.children) {
    if (DATA_ROOTS.has(child.tag)) readRoot(ctx, child);
    else if (child.tag === 'record') readRecord(ctx, child);
    else if (child.tag === 'menuitem') readMenu(ctx, child, false);
    else if (child.tag === 'template') readTemplate(ctx, child);
    else if (child.tag === 'function') readFunction(ctx, child);
  }
}

function readXml(ctx: FileContext, source: string, sink: FindingSink): void {
  const parsed = parseXml(source);
  if (parsed.error) {
    sink({
      file: ctx.file,
      line: parsed.error.line,
      column: parsed.error.column,
      severity: 'error',
      rule: 'xml-not-well-formed',
      message: `${ctx.file} is not well-formed XML: ${parsed.error.message}`,
    });
    return;
  }
  if (DATA_ROOTS.has(parsed.root.tag)) readRoot(ctx, parsed.root);
}

const ACCESS_COLUMNS = [
  'id',
  'name',
  'model_id:id',
  'group_id:id',
  'perm_read',
  'perm_write',
  'perm_create',
  'perm_unlink',
];

function readCsv(ctx: FileContext, source: string, sink: FindingSink): void {
  const base = ctx.file.split('/').pop() ?? ctx.file;
  const model = base.replace(/\.csv$/i, '').replace(/-.*$/, '');
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parseCsv(source.replace(/^\uFEFF/, ''), {
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as typeof rows;
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    sink({
      file: ctx.file,
      line: 1,
      severity: 'warning',
      rule: 'csv-invalid',
      message: `${ctx.file} is not valid CSV: ${message}`,
    });
    return;
  }
  const header = (rows[0]?.record ?? []).map((column) => column.trim());
  const isAccess = model === 'ir.model.access';
  if (isAccess) checkAccessHeader(ctx, header, sink);
  const col = (name: string): number =>
    header.findIndex((column) => column === name || column === name.replace(':id', '/id'));
  const idColumn = header.indexOf('id');
  const refColumns = header
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => /[:/]id$/.test(column) && column !== 'id');
  for (const { record, info } of rows.slice(1)) {
    const line = info.lines;
    const element: XmlElement = { tag: 'csv', attrs: {}, children: [], text: '', line, column: 1 };
    for (const { column, index } of refColumns) {
      for (const value of (record[index] ?? '').split(','))
        refer(ctx, value, element, `column ${column} of ${base}`);
    }
    if (isAccess) {
      const modelIndex = col('model_id:id');
      const groupIndex = col('group_id:id');
      ctx.facts.access.push({
        file: ctx.file,
        line,
        id: record[idColumn] ?? '',
        modelRef: modelIndex >= 0 ? record[modelIndex]?.trim() : undefined,
        groupRef: groupIndex >= 0 ? record[groupIndex]?.trim() || undefined : undefined,
      });
      for (const perm of ['perm_read', 'perm_write', 'perm_create', 'perm_unlink']) {
        const index = header.indexOf(perm);
        const value = index >= 0 ? (record[index] ?? '').trim() : '0';
        if (value !== '0' && value !== '1') {
          sink({
            file: ctx.file,
            line,
            severity: /^(true|false)$/i.test(value) ? 'warning' : 'error',
            rule: 'access-invalid-permission',
            message: `${perm} of access "${record[idColumn] ?? ''}" is "${value}": use 0 or 1`,
          });
        }
      }
    }
    if (idColumn >= 0 && record[idColumn]) define(ctx, record[idColumn].trim(), model, line);
  }
}

function checkAccessHeader(ctx: FileContext, header: string[], sink: FindingSink): void {
  const normalized = header.map((column) => column.replace('/id', ':id'));
  const unknown = normalized.filter((column) => !ACCESS_COLUMNS.includes(column));
  const missing = ['id', 'name', 'model_id:id'].filter((column) => !normalized.includes(column));
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [
      unknown.length > 0 ? `unknown column(s) ${unknown.map((c) => `"${c}"`).join(', ')}` : '',
      missing.length > 0 ? `missing column(s) ${missing.map((c) => `"${c}"`).join(', ')}` : '',
    ].filter(Boolean);
    sink({
      file: ctx.file,
      line: 1,
      severity: 'error',
      rule: 'access-csv-header',
      message: `header of ${ctx.file}: ${parts.join('; ')}; expected ${ACCESS_COLUMNS.join(',')}`,
    });
  }
}

/** Reads the data then demo files of an addon in the order Odoo loads them. */
export function readDataFiles(addon: AddonInput, manifest: ManifestInfo, sink: FindingSink): DataFacts {
  const facts: DataFacts = { definitions: [], references: [], views: [], access: [], viewModes: [] };
  const order = [
    ...manifest.data.map((file) => ({ file, demo: false })),
    ...manifest.demo.map((file) => ({ file, demo: true })),
  ];
  order.forEach(({ file: listed, demo }, fileIndex) => {
    const file = normalizePath(listed);
    const source = addon.files.get(file);
    if (source === undefined) return;
    const ctx: FileContext = { module: addon.name, file, fileIndex, demo, facts, position: 0 };
    if (/\.xml$/i.test(file)) readXml(ctx, source, sink);
    else if (/\.csv$/i.test(file)) readCsv(ctx, source, sink);
  });
  return facts;
}
