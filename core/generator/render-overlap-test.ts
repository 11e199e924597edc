import { findField, type PlannedModel, type PlannedPythonConstraint } from './addon-plan.js';
import { pyStr } from './python-literal.js';

/**
 * The generated test of a `no_overlap` constraint: a second record of the same `same` whose
 * range overlaps the first is refused; one that starts where the first ends is accepted.
 */
export function noOverlapTest(
  model: PlannedModel,
  constraint: PlannedPythonConstraint,
  name: (base: string) => string,
): string[] {
  const { same, start, end } = constraint.spec.no_overlap ?? { same: '', start: '', end: '' };
  const datetime = findField(model, start)?.spec.type === 'datetime';
  const [a, b, c, d] = datetime
    ? ['2024-01-10 08:00:00', '2024-01-10 12:00:00', '2024-01-10 10:00:00', '2024-01-10 16:00:00']
    : ['2024-01-10', '2024-01-20', '2024-01-15', '2024-01-25'];
  // copy() keeps `same` (and every other value) without creating the related records again.
  const range = (from: string, to: string) => `{${pyStr(start)}: ${pyStr(from)}, ${pyStr(end)}: ${pyStr(to)}}`;
  return [
    `def ${name(`${constraint.method.replace(/^_check_/, '')} refuses an overlap`)}(self):`,
    `    first = self._create_record(${start}=${pyStr(a)}, ${end}=${pyStr(b)})`,
    '    with self.assertRaises(ValidationError):',
    `        first.copy(${range(c, d)})`,
    `    following = first.copy(${range(b, d)})`,
    `    self.assertEqual(following.${same}, first.${same})`,
  ];
}
