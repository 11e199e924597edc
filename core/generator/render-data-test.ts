import type { TestValue } from '../spec/module-spec-schema.js';
import type { FieldSpec } from '../spec/module-spec.js';
import { floatTolerance } from './float-tolerance.js';
import { findField, type AddonPlan, type PlannedModel } from './addon-plan.js';
import { dataRecordModels } from './render-data.js';
import { pyStr, pyValue } from './python-literal.js';

/**
 * The generated test of a model's data records (ModuleSpec 1.1 `data`): each is loaded under
 * its XML id (tests run without demo data, as an install without demo does), with the values of
 * the spec, and marked noupdate unless it says `noupdate: false`.
 */
export function dataRecordsTest(
  plan: AddonPlan,
  model: PlannedModel,
  name: (base: string) => string,
): string[][] {
  const entry = dataRecordModels(plan).find((candidate) => candidate.model === model.name);
  if (!entry) return [];
  const lines: string[] = [`def ${name('data records are loaded')}(self):`];
  for (const record of entry.records) {
    lines.push(`    record = self.env.ref(${pyStr(`${plan.module}.${record.id}`)})`);
    for (const [field, value] of Object.entries(record.values)) {
      const assertion = assertValue(plan, field, value, findField(model, field)?.spec);
      if (assertion) lines.push(`    ${assertion}`);
    }
  }
  lines.push(
    '    data = self.env["ir.model.data"].search(',
    `        [("module", "=", ${pyStr(plan.module)}), ("model", "=", ${pyStr(model.name)})]`,
    '    )',
    `    self.assertEqual(sorted(data.mapped("name")), ${pyValue(entry.records.map((record) => record.id).sort())})`,
    '    noupdate = {item.name: item.noupdate for item in data}',
    `    self.assertEqual(noupdate, ${pyValue(Object.fromEntries(entry.records.map((record) => [record.id, record.noupdate])))})`,
  );
  return [lines];
}

/** One assertion on a loaded value; none for values a comparison would not show plainly (html, binary). */
function assertValue(
  plan: AddonPlan,
  field: string,
  value: TestValue,
  spec: FieldSpec | undefined,
): string | undefined {
  const type = spec?.type;
  const read = `record.${field}`;
  if (value === null) return `self.assertFalse(${read})`;
  if (typeof value === 'object' && !Array.isArray(value) && typeof value['ref'] === 'string') {
    const ref = value['ref'].includes('.') ? value['ref'] : `${plan.module}.${value['ref']}`;
    return `self.assertEqual(${read}, self.env.ref(${pyStr(ref)}))`;
  }
  if (typeof value === 'object') return undefined;
  switch (type) {
    case 'char':
    case 'text':
      return `self.assertEqual(${read}, ${pyStr(String(value))})`;
    case 'selection':
      return `self.assertEqual(${read}, ${pyStr(String(value))})`;
    case 'integer':
      return `self.assertEqual(${read}, ${pyValue(value)})`;
    case 'float':
    case 'monetary':
      return typeof value === 'number' ? `self.assertAlmostEqual(${read}, ${pyValue(value)}${floatTolerance(spec, value)})` : undefined;
    case 'boolean':
      return `self.assertEqual(${read}, ${pyValue(value === true)})`;
    case 'date':
    case 'datetime':
      return `self.assertEqual(str(${read}), ${pyStr(String(value))})`;
    default:
      return undefined;
  }
}
