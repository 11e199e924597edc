import type { TestValue } from '../spec/module-spec-schema.js';
import { findField, findModel, type AddonPlan } from './addon-plan.js';
import { el, renderOdooXml, type XmlElement, type XmlNode } from './xml-element.js';

/** `demo/demo.xml`: one record per demo entry, ids `<model>_demo_<n>`. */
export function renderDemo(plan: AddonPlan): string {
  const records: XmlNode[] = [];
  for (const [modelName, entries] of Object.entries(plan.spec.demo ?? {})) {
    const model = findModel(plan, modelName);
    const table = modelName.replace(/\./g, '_');
    entries.forEach((values, index) => {
      records.push(
        el(
          'record',
          { id: `${table}_demo_${index + 1}`, model: modelName },
          Object.entries(values).map(([name, value]) => demoField(name, value, findField(model, name)?.spec.type)),
        ),
      );
    });
  }
  return renderOdooXml(records);
}

export function demoField(name: string, value: TestValue, type: string | undefined): XmlElement {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value['ref'] === 'string') {
    return el('field', { name, ref: value['ref'] });
  }
  if (type === 'selection' && (typeof value === 'number' || typeof value === 'string')) return el('field', { name }, [String(value)]);
  if (typeof value === 'boolean') return el('field', { name, eval: value ? 'True' : 'False' });
  if (value === null) return el('field', { name, eval: 'False' });
  if (typeof value === 'number') return el('field', { name, eval: String(value) });
  if (Array.isArray(value) || typeof value === 'object') return el('field', { name, eval: JSON.stringify(value) });
  // An Html field takes the markup as text (type="html" would keep only child elements).
  return el('field', { name }, [value]);
}
