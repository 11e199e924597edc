import { editDistance } from '../text/edit-distance.js';
import type { ViewDefinition } from './data-context.js';
import type { FindingSink, ModuleSummary, ViewRecord } from './module-summary.js';
import type { XmlElement } from './xml-tree.js';

/** A locator of an inheriting view that names a field: `<field name=X position=…>` or `//field[@name='X']`. */
interface FieldLocator {
  element: XmlElement;
  field: string;
}

const XPATH_FIELD = /^\/\/field\[@name=['"]([\w.]+)['"]\]$/;

/** The top-level locators of an inheriting view's arch (inside `<data>` when it is the root). */
function fieldLocators(arch: XmlElement): FieldLocator[] {
  const nodes = arch.tag === 'data' ? arch.children : [arch];
  const out: FieldLocator[] = [];
  for (const node of nodes) {
    if (node.tag === 'data') {
      out.push(...fieldLocators(node));
      continue;
    }
    const field =
      node.tag === 'field'
        ? node.attrs.name
        : node.tag === 'xpath'
          ? XPATH_FIELD.exec(node.attrs.expr?.trim() ?? '')?.[1]
          : undefined;
    if (field) out.push({ element: node, field });
  }
  return out;
}

/** Every record of every view id in the addon and its installed dependencies (a module may redefine another's view). */
function viewsById(own: ModuleSummary, deps: Map<string, ModuleSummary>): Map<string, ViewRecord[]> {
  const byId = new Map<string, ViewRecord[]>();
  for (const summary of [own, ...deps.values()]) {
    for (const [id, view] of summary.views) {
      const list = byId.get(id) ?? [];
      list.push(view);
      byId.set(id, list);
    }
  }
  return byId;
}

/**
 * The field names Odoo's combined arch may hold when the locator is applied: those of the root
 * view of the inheritance tree and of every view that extends it. Undefined when a view of the
 * chain up to the root is unknown, or its arch is (not read, QWeb): then nothing is judged.
 */
function combinedFieldNames(inheritId: string, byId: Map<string, ViewRecord[]>): Set<string> | undefined {
  let root = inheritId;
  for (let depth = 0; ; depth += 1) {
    const records = byId.get(root);
    if (!records || depth > 30 || records.some((r) => r.qweb || r.fieldNames === undefined)) return undefined;
    const parent = records.find((r) => r.inheritId)?.inheritId;
    if (!parent) break;
    root = parent;
  }
  const children = new Map<string, string[]>();
  for (const [id, records] of byId) {
    for (const record of records) {
      if (!record.inheritId) continue;
      const list = children.get(record.inheritId) ?? [];
      list.push(id);
      children.set(record.inheritId, list);
    }
  }
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const record of byId.get(id) ?? []) for (const name of record.fieldNames ?? []) names.add(name);
    for (const child of children.get(id) ?? []) visit(child);
  };
  visit(root);
  return names;
}

/**
 * `view-locator-unknown-field`: an inheriting view locates `<field name="X">` (an `extend` view's
 * `after`) that the inherited view, with every view extending it, does not hold. Odoo refuses the
 * install ("Element '<field name=\"X\">' cannot be located in parent view"). Judged only when the
 * inherited view and all dependencies are known (an addons path).
 */
export function checkViewLocators(
  views: ViewDefinition[],
  own: ModuleSummary,
  deps: Map<string, ModuleSummary>,
  sink: FindingSink,
): void {
  const byId = viewsById(own, deps);
  for (const view of views) {
    if (!view.inheritId || view.qweb || !view.arch) continue;
    const locators = fieldLocators(view.arch);
    if (locators.length === 0) continue;
    const names = combinedFieldNames(view.inheritId, byId);
    if (!names) continue;
    for (const { element, field } of locators) {
      if (names.has(field)) continue;
      const near = [...names]
        .map((name) => ({ name, distance: editDistance(name, field) }))
        .filter((n) => n.distance <= 2)
        .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))[0];
      sink({
        file: view.file,
        line: element.line,
        column: element.column,
        severity: 'error',
        rule: 'view-locator-unknown-field',
        message:
          `view ${view.id}: the inherited view ${view.inheritId} has no <field name="${field}"> to locate ` +
          `(Odoo refuses the install: "cannot be located in parent view")${near ? `; did you mean "${near.name}"?` : ''}`,
      });
    }
  }
}
