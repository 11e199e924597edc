import type { PlannedModel, PlannedSequence } from './addon-plan.js';
import { pyStr } from './python-literal.js';
import { SEQUENCE_PLACEHOLDER, sequencePattern } from './render-sequences.js';

/**
 * The generated test of a numbered field: "New" before the record exists, a number of the
 * sequence's shape after create, and the next number a different one.
 */
export function sequenceTest(
  model: PlannedModel,
  sequence: PlannedSequence,
  name: (base: string) => string,
): string[] {
  const field = sequence.field;
  const pattern = pyStr(sequencePattern(sequence));
  return [
    `def ${name(`${field} numbered on create`)}(self):`,
    `    defaults = self.env[${pyStr(model.name)}].default_get([${pyStr(field)}])`,
    `    self.assertEqual(defaults.get(${pyStr(field)}), ${pyStr(SEQUENCE_PLACEHOLDER)})`,
    '    record = self._create_record()',
    `    self.assertRegex(record.${field}, ${pattern})`,
    `    following = self.env["ir.sequence"].next_by_code(${pyStr(sequence.code)})`,
    `    self.assertRegex(following, ${pattern})`,
    `    self.assertNotEqual(following, record.${field})`,
  ];
}
