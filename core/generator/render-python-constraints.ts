import { specPathResolver, typeExpression } from '../spec/expression/type-expression.js';
import { findField, type AddonPlan, type PlannedModel, type PlannedPythonConstraint } from './addon-plan.js';
import { pyStr } from './python-literal.js';
import { pythonExpression } from './render-expression.js';

/** The `@api.constrains` methods of a model (ModuleSpec 1.1 `condition` and `no_overlap`). */
export function renderPythonConstraints(plan: AddonPlan, model: PlannedModel): string[][] {
  return (model.pythonConstraints ?? []).map((constraint) =>
    constraint.spec.no_overlap ? renderNoOverlap(model, constraint) : renderCondition(plan, model, constraint),
  );
}

function constrains(fields: string[]): string {
  return `@api.constrains(${fields.map(pyStr).join(', ')})`;
}

function raise(constraint: PlannedPythonConstraint, indent: string): string[] {
  return [`${indent}raise ValidationError(_(${pyStr(constraint.message)}))`];
}

/**
 * A condition every record meets, checked once the dates and relations it reads are set (an
 * unset date cannot be compared; an unset relation reads as empty).
 */
function renderCondition(plan: AddonPlan, model: PlannedModel, constraint: PlannedPythonConstraint): string[] {
  const typed = typeExpression(constraint.spec.condition ?? 'True', specPathResolver(plan.spec, model.name));
  const fields = [...new Set(typed.paths.map((path) => path.split('.')[0] ?? path))];
  const guarded = fields.filter((name) => {
    const type = findField(model, name)?.spec.type;
    return type === 'date' || type === 'datetime' || type === 'many2one';
  });
  const test = `not (${pythonExpression(typed, { datesSet: true })})`;
  const condition = [...guarded.map((name) => `record.${name}`), test].join(' and ');
  const line = `        if ${condition}:`;
  return [
    constrains(fields),
    `def ${constraint.method}(self):`,
    `    """${constraint.spec.condition?.replace(/\\/g, '/').replace(/"/g, "'") ?? ''}"""`,
    '    for record in self:',
    ...(line.length <= 84
      ? [line]
      : ['        if (', ...[...guarded.map((name) => `record.${name}`), test].map((part, i) => `            ${i > 0 ? 'and ' : ''}${part}`), '        ):']),
    ...raise(constraint, '            '),
  ];
}

/** No two records with the same `same` whose [start, end) ranges overlap. */
function renderNoOverlap(model: PlannedModel, constraint: PlannedPythonConstraint): string[] {
  const { same, start, end } = constraint.spec.no_overlap ?? { same: '', start: '', end: '' };
  const sameValue = findField(model, same)?.spec.type === 'many2one' ? `record.${same}.id` : `record.${same}`;
  return [
    constrains([same, start, end]),
    `def ${constraint.method}(self):`,
    `    """No two records with the same ${same} in overlapping ${start} to ${end} ranges."""`,
    '    for record in self:',
    `        if not (record.${same} and record.${start} and record.${end}):`,
    '            continue',
    '        overlapping = self.sudo().search(',
    '            [',
    '                ("id", "!=", record.id),',
    `                (${pyStr(same)}, "=", ${sameValue}),`,
    `                (${pyStr(start)}, "<", record.${end}),`,
    `                (${pyStr(end)}, ">", record.${start}),`,
    '            ],',
    '            limit=1,',
    '        )',
    '        if overlapping:',
    ...raise(constraint, '            '),
  ];
}
