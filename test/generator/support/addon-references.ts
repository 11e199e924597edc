import { parse as parseCsv } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import { MAGIC_FIELD_LABELS } from '../../../core/odoo/field-label.js';
import { KNOWN_MIXINS } from '../../../core/odoo/mixins.js';
import type { FieldSpec, ModuleSpec } from '../../../core/spec/module-spec.js';
import { wizardModelName } from '../../../core/spec/references/check-wizards.js';
import { smartButtonCountFields } from './random-spec-views.js';

/**
 * Cross-file checks of a generated addon that need no Odoo: the fields its views name exist on
 * the model, a monetary field's currency is in the same view, and every local XML id it
 * references is defined before it is used, in the order the manifest loads the files.
 */

interface Arch {
  file: string;
  record: string;
  /** The view type: the arch's root element (list, tree, form, search, kanban, or a field for an inherited view). */
  root: string;
  fields: { name: string; anchor: boolean }[];
}

/** Each `<field name="arch">` of a views file, with the fields it names. */
function archs(file: string, xml: string): Arch[] {
  const found: Arch[] = [];
  const parser = new SaxesParser();
  const stack: string[] = [];
  let record = '';
  let current: Arch | undefined;
  let archDepth = -1;
  parser.on('opentag', (tag) => {
    const attrs = tag.attributes as Record<string, string>;
    if (tag.name === 'record') record = attrs['id'] ?? '';
    if (current && current.root === '') current.root = tag.name;
    if (current && tag.name === 'field' && attrs['name'])
      current.fields.push({ name: attrs['name'], anchor: attrs['position'] !== undefined });
    if (
      !current &&
      tag.name === 'field' &&
      attrs['name'] === 'arch' &&
      stack[stack.length - 1] === 'record'
    ) {
      current = { file, record, root: '', fields: [] };
      archDepth = stack.length;
    }
    stack.push(tag.name);
  });
  parser.on('closetag', () => {
    stack.pop();
    if (current && stack.length === archDepth) {
      found.push(current);
      current = undefined;
    }
  });
  parser.write(xml).close();
  return found;
}

/** Fields a view of a spec model may name: its own, its mixins', Odoo's magic fields. */
function knownFields(model: {
  fields: Record<string, FieldSpec>;
  mixins?: string[] | undefined;
}): Set<string> {
  const names = new Set([...Object.keys(model.fields), ...Object.keys(MAGIC_FIELD_LABELS)]);
  for (const mixin of model.mixins ?? [])
    for (const name of Object.keys(KNOWN_MIXINS[mixin]?.fields ?? {})) names.add(name);
  return names;
}

/** Fields named in views that the model does not have, and monetary fields without their currency. */
export function viewFieldProblems(spec: ModuleSpec, files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const owners = [
    ...(spec.models ?? []).map((model) => ({
      name: model.name,
      fields: { ...model.fields, ...smartButtonCountFields(spec, model) },
      mixins: model.mixins,
      extension: false,
    })),
    ...(spec.extend ?? []).map((extension) => ({
      name: extension.model,
      fields: extension.fields,
      mixins: undefined,
      extension: true,
    })),
  ];
  for (const owner of owners) {
    const file = `views/${owner.name.replace(/\./g, '_')}_views.xml`;
    const xml = files.get(file);
    if (xml === undefined) continue;
    const known = knownFields(owner);
    for (const arch of archs(file, xml)) {
      const names = new Set(arch.fields.map((field) => field.name));
      for (const field of arch.fields) {
        // An extension's anchor (`<field name="vat" position="after">`) is a field of the extended model.
        if (field.anchor && owner.extension) continue;
        if (!known.has(field.name))
          problems.push(`${file} ${arch.record}: field ${field.name} is not a field of ${owner.name}`);
        const spec = owner.fields[field.name];
        // A search view shows no amounts: it needs no currency.
        const currency =
          spec?.type === 'monetary' && arch.root !== 'search' ? (spec.currency ?? 'currency_id') : undefined;
        if (currency !== undefined && !names.has(currency))
          problems.push(`${file} ${arch.record}: monetary ${field.name} without its currency ${currency}`);
      }
    }
  }
  return problems;
}

/**
 * Local references (no module, or this module's) that are not defined earlier in the load
 * order. `model_<table>` of the spec's own models exists before any data file is loaded.
 */
export function xmlRefProblems(
  spec: ModuleSpec,
  files: ReadonlyMap<string, string>,
  loadOrder: readonly string[],
): string[] {
  const problems: string[] = [];
  const own = spec.module.name;
  // …and of their wizards' transient models (ModuleSpec 1.1 wizards).
  const modelNames = (spec.models ?? []).flatMap((model) => [
    model.name,
    ...(model.wizards ?? []).map((wizard) => wizardModelName(model.name, wizard)),
  ]);
  const defined = new Set(modelNames.map((name) => `model_${name.replace(/\./g, '_')}`));
  const local = (ref: string): string | undefined =>
    ref.startsWith(`${own}.`) ? ref.slice(own.length + 1) : ref.includes('.') ? undefined : ref;
  for (const file of loadOrder) {
    const text = files.get(file);
    if (text === undefined) continue;
    if (file.endsWith('.csv')) {
      const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
      for (const row of rows) {
        for (const column of Object.keys(row).filter((key) => key.endsWith(':id'))) {
          const ref = local(row[column] ?? '');
          if (ref !== undefined && ref !== '' && !defined.has(ref))
            problems.push(`${file}: ${column} ${ref} is not defined before`);
        }
        if (row['id']) defined.add(row['id']);
      }
      continue;
    }
    if (!file.endsWith('.xml')) continue;
    // Within a file, a record may only use ids of the records above it: walk them in order.
    for (const step of xmlIdsInOrder(text)) {
      if (step.kind === 'define') defined.add(step.id);
      else {
        const ref = local(step.id);
        if (ref !== undefined && !defined.has(ref))
          problems.push(`${file}: ${ref} is used before it is defined`);
      }
    }
  }
  return problems;
}

/** Definitions and uses of XML ids in document order; a record's own id counts before its fields. */
function xmlIdsInOrder(xml: string): { kind: 'define' | 'use'; id: string }[] {
  const steps: { kind: 'define' | 'use'; id: string }[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const attrs = tag.attributes as Record<string, string>;
    const uses: string[] = [];
    for (const name of ['ref', 'action', 'parent', 'inherit_id']) if (attrs[name]) uses.push(attrs[name]);
    if (attrs['groups'])
      uses.push(...attrs['groups'].split(',').map((group) => group.trim().replace(/^!/, '')));
    for (const match of (attrs['eval'] ?? '').matchAll(/ref\(['"]([^'"]+)['"]\)/g)) uses.push(match[1] ?? '');
    // A menuitem may not name itself as parent; a record's fields come after its id.
    if (tag.name === 'menuitem') {
      for (const id of uses) steps.push({ kind: 'use', id });
      if (attrs['id']) steps.push({ kind: 'define', id: attrs['id'] });
    } else {
      if ((tag.name === 'record' || tag.name === 'template') && attrs['id'])
        steps.push({ kind: 'define', id: attrs['id'] });
      for (const id of uses) steps.push({ kind: 'use', id });
    }
  });
  parser.write(xml).close();
  return steps;
}
