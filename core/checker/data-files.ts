import type { AddonInput } from './addon-input.js';
import { define, fullId, refer, type DataFacts, type FileContext } from './data-context.js';
import { normalizePath } from './manifest-rules.js';
import type { FindingSink, ManifestInfo } from './module-summary.js';
import { readCsv } from './read-csv-data.js';
import { parseXml, walkElements, type XmlElement } from './xml-tree.js';

export type { AccessRow, ActionViewMode, DataFacts, ViewDefinition } from './data-context.js';

const DATA_ROOTS = new Set(['odoo', 'openerp', 'data']);
const PERCENT_REF = /(?:^|[^%])%\(([^)]*)\)[ds]/g;

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
  if (record.attrs.id) define(ctx, record.attrs.id, model, record.line, recordValues(record));
}

function readMenu(ctx: FileContext, menu: XmlElement, nested: boolean): void {
  if (!nested && menu.attrs.parent) refer(ctx, menu.attrs.parent, menu, 'menuitem parent');
  if (menu.attrs.action) refer(ctx, menu.attrs.action, menu, 'menuitem action');
  for (const group of (menu.attrs.groups ?? '').split(',')) {
    refer(ctx, group.trim().replace(/^-/, ''), menu, 'menuitem groups');
  }
  if (menu.attrs.id) {
    const { id: _id, ...values } = menu.attrs;
    define(ctx, menu.attrs.id, 'ir.ui.menu', menu.line, values);
  }
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

/** A record's field values by field name, each a digest of its attributes and content. */
function recordValues(record: XmlElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const child of record.children) {
    if (child.tag !== 'field' || !child.attrs.name) continue;
    const { name, ...attrs } = child.attrs;
    values[name] = digest(serializeElement({ ...child, attrs }));
  }
  return values;
}

function serializeElement(element: XmlElement): string {
  const attrs = Object.keys(element.attrs)
    .sort()
    .map((key) => `${key}=${element.attrs[key] ?? ''}`);
  return `<${element.tag} ${attrs.join(' ')}>${element.text.trim()}${element.children.map(serializeElement).join('')}</>`;
}

/** FNV-1a of a text: field values are compared, never shown, so a digest is all they need. */
function digest(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
