import type { FieldSpec } from '../spec/module-spec.js';
import { findField, type AddonPlan, type PlannedField, type PlannedModel } from './addon-plan.js';
import { licenseHeader } from './render-manifest.js';
import { specPathResolver, typeExpression } from '../spec/expression/type-expression.js';
import { pyStr, pyValue } from './python-literal.js';
import { pythonExpression } from './render-expression.js';
import { renderPythonConstraints } from './render-python-constraints.js';
import { renderSequenceCreate, SEQUENCE_PLACEHOLDER } from './render-sequences.js';
import { renderGroupExpand, stageFieldArgs, stageFields } from './render-stages.js';
import { jobImports, renderJobMethods } from './render-scheduled.js';
import { mailTransitionLines, renderMailMethods } from './render-mail-templates.js';
import { smartButtonFieldLines, smartButtonMethods } from './render-more-views-python.js';
import { COMPANY_DEFAULT } from './render-company.js';

/** One Python file per model (or extension): fields, SQL constraints, computes, workflow. */
export function renderModelPython(plan: AddonPlan, model: PlannedModel): string {
  const needsUserError = model.workflow !== undefined;
  const needsValidationError = (model.pythonConstraints ?? []).length > 0;
  const needsApi =
    model.fields.some((field) => field.spec.compute !== undefined || field.stage === true) ||
    model.sequence !== undefined ||
    needsValidationError ||
    renderJobMethods(plan, model).length > 0;
  const imports = ['_', ...(needsApi ? ['api'] : []), 'fields', 'models'].filter(
    (name) => name !== '_' || needsUserError || needsValidationError,
  );
  const jobs = jobImports(plan, model);
  const lines: string[] = [licenseHeader(plan).trimEnd(), '', ...jobs.before, `from odoo import ${imports.join(', ')}`];
  const errors = [...(needsUserError ? ['UserError'] : []), ...(needsValidationError ? ['ValidationError'] : [])];
  if (errors.length > 0) lines.push(`from odoo.exceptions import ${errors.join(', ')}`);
  lines.push(...jobs.after);
  lines.push('', '', `class ${model.className}(models.Model):`);
  if (model.kind === 'model') {
    lines.push(`    _name = ${pyStr(model.name)}`, `    _description = ${pyStr(model.description)}`);
    if (model.mixins.length > 0) lines.push(`    _inherit = [${model.mixins.map(pyStr).join(', ')}]`);
    if (model.recName) lines.push(`    _rec_name = ${pyStr(model.recName)}`);
    if (model.order) lines.push(`    _order = ${pyStr(model.order)}`);
    if (model.company) lines.push('    _check_company_auto = True');
  } else {
    lines.push(`    _inherit = ${pyStr(model.name)}`);
  }
  lines.push('');
  for (const field of model.fields) lines.push(...renderField(plan, model, field).map((line) => `    ${line}`));
  lines.push(...smartButtonFieldLines(plan, model).map((line) => `    ${line}`));
  if (model.constraints.length > 0) {
    lines.push('', '    _sql_constraints = [');
    for (const constraint of model.constraints) {
      lines.push('        (', `            ${pyStr(constraint.name)},`, `            ${pyStr(constraint.sql)},`, `            ${pyStr(constraint.message)},`, '        ),');
    }
    lines.push('    ]');
  }
  for (const field of model.fields) {
    if (field.spec.compute) lines.push('', ...renderCompute(plan, model, field).map((line) => (line ? `    ${line}` : '')));
  }
  for (const method of renderPythonConstraints(plan, model)) lines.push('', ...method.map((line) => `    ${line}`));
  if (model.sequence) lines.push('', ...renderSequenceCreate(model.sequence).map((line) => `    ${line}`));
  for (const field of stageFields(model)) lines.push('', ...renderGroupExpand(plan, field).map((line) => `    ${line}`));
  for (const method of renderJobMethods(plan, model)) lines.push('', ...method.map((line) => `    ${line}`));
  for (const method of renderMailMethods(plan, model)) lines.push('', ...method.map((line) => `    ${line}`));
  for (const method of smartButtonMethods(plan, model)) lines.push('', ...method.map((line) => `    ${line}`));
  for (const button of model.workflow?.buttons ?? []) {
    const after = mailTransitionLines(plan, model, button.name);
    lines.push('', ...renderWorkflowMethod(model, button, after).map((line) => (line ? `    ${line}` : '')));
  }
  return `${lines.join('\n')}\n`;
}

const FIELD_CLASSES: Record<FieldSpec['type'], string> = {
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

function renderDefault(field: FieldSpec): string | undefined {
  switch (field.default) {
    case undefined:
      return undefined;
    case 'today':
      return 'fields.Date.context_today';
    case 'now':
      return 'fields.Datetime.now';
    case 'current_user':
      return 'lambda self: self.env.user';
    case 'company_currency':
      return 'lambda self: self.env.company.currency_id';
    default:
      if (field.type === 'selection') return pyStr(String(field.default));
      if ((field.type === 'float' || field.type === 'monetary') && typeof field.default === 'number') {
        return Number.isInteger(field.default) ? `${field.default}.0` : String(field.default);
      }
      return pyValue(field.default);
  }
}

function renderField(plan: AddonPlan, model: PlannedModel, field: PlannedField): string[] {
  const spec = field.spec;
  const args: string[] = [];
  if (spec.comodel) args.push(`comodel_name=${pyStr(spec.comodel)}`);
  if (spec.type === 'one2many' && spec.inverse) args.push(`inverse_name=${pyStr(spec.inverse)}`);
  if (spec.type === 'many2many' && spec.comodel) args.push(...many2manyTable(model, field));
  // Odoo ignores (and warns about) the selection of a related field: it has the target's.
  if (spec.type === 'selection' && spec.related === undefined) {
    const options = Object.entries(spec.options ?? {}).map(([key, label]) => `(${pyStr(key)}, ${pyStr(label)})`);
    args.push(`selection=[${options.join(', ')}]`);
  }
  args.push(`string=${pyStr(field.label)}`);
  if (spec.related) args.push(`related=${pyStr(spec.related)}`);
  if (spec.compute) args.push(`compute=${pyStr(`_compute_${field.name}`)}`);
  if ((spec.compute || spec.related) && field.stored) args.push('store=True');
  if (spec.compute && !field.stored && spec.store === false) args.push('store=False');
  if (spec.type === 'monetary') args.push(`currency_field=${pyStr(spec.currency ?? 'currency_id')}`);
  if (spec.digits) args.push(`digits=(${spec.digits[0]}, ${spec.digits[1]})`);
  if (spec.max_width) args.push(`max_width=${spec.max_width}`);
  if (spec.max_height) args.push(`max_height=${spec.max_height}`);
  if (spec.required) args.push('required=True');
  // A numbered field is set by create(): shown read-only, never copied.
  if (spec.readonly || spec.sequence) args.push('readonly=True');
  if (spec.index) args.push('index=True');
  if (spec.tracking) args.push('tracking=True');
  if (spec.translate) args.push('translate=True');
  if (spec.copy !== undefined) args.push(`copy=${pyValue(spec.copy)}`);
  else if (spec.sequence) args.push('copy=False');
  if (spec.ondelete) args.push(`ondelete=${pyStr(spec.ondelete)}`);
  const defaultValue = spec.sequence ? pyStr(SEQUENCE_PLACEHOLDER) : field.company && spec.default === undefined ? COMPANY_DEFAULT : renderDefault(spec);
  if (defaultValue) args.push(`default=${defaultValue}`);
  if (field.stage) args.push(...stageFieldArgs(field));
  if (field.checkCompany) args.push('check_company=True');
  if (spec.help) args.push(`help=${pyStr(spec.help)}`);
  const head = `${field.name} = fields.${FIELD_CLASSES[spec.type]}(`;
  const oneLine = `${head}${args.join(', ')})`;
  if (oneLine.length <= 84) return [oneLine];
  return [head, ...args.map((arg) => `    ${arg},`), ')'];
}

/**
 * Odoo names a many2many table after both models; two many2many fields to the same comodel
 * (or one to the model itself) would share it, so those get explicit, distinct names.
 */
function many2manyTable(model: PlannedModel, field: PlannedField): string[] {
  const comodel = field.spec.comodel ?? '';
  const siblings = model.fields.filter((other) => other.spec.type === 'many2many' && other.spec.comodel === comodel);
  if (siblings.length <= 1 && comodel !== model.name) return [];
  const relation = `${model.table}_${field.name}_rel`.slice(0, 60);
  const comodelTable = comodel.replace(/\./g, '_');
  const column2 = comodel === model.name ? `related_${comodelTable}_id` : `${comodelTable}_id`;
  return [`relation=${pyStr(relation)}`, `column1=${pyStr(`${model.table}_id`)}`, `column2=${pyStr(column2)}`];
}

function renderCompute(plan: AddonPlan, model: PlannedModel, field: PlannedField): string[] {
  const compute = field.spec.compute ?? {};
  if (compute.expression !== undefined) return renderExpressionCompute(plan, model, field, compute.expression);
  if (compute.count) {
    return [
      `@api.depends(${pyStr(compute.count)})`,
      `def _compute_${field.name}(self):`,
      '    for record in self:',
      `        record.${field.name} = len(record.${compute.count})`,
    ];
  }
  const lines = compute.sum ?? '';
  const of = compute.of ?? '';
  const zero = field.spec.type === 'integer' ? '0' : '0.0';
  return [
    `@api.depends(${pyStr(`${lines}.${of}`)})`,
    `def _compute_${field.name}(self):`,
    '    for record in self:',
    `        record.${field.name} = sum(record.${lines}.mapped(${pyStr(of)})) or ${zero}`,
  ];
}

/** `compute: {expression}`: the checked expression as Python, with the paths it reads as depends. */
function renderExpressionCompute(plan: AddonPlan, model: PlannedModel, field: PlannedField, source: string): string[] {
  const typed = typeExpression(source, specPathResolver(plan.spec, model.name));
  const depends = `@api.depends(${typed.paths.map(pyStr).join(', ')})`;
  const value = pythonExpression(typed);
  const assignment = `        record.${field.name} = ${value}`;
  return [
    ...(depends.length <= 84 ? [depends] : ['@api.depends(', ...typed.paths.map((path) => `    ${pyStr(path)},`), ')']),
    `def _compute_${field.name}(self):`,
    `    """${docText(source)}"""`,
    '    for record in self:',
    ...(assignment.length <= 84 ? [assignment] : [`        record.${field.name} = (`, `            ${withoutOuterParentheses(value)}`, '        )']),
  ];
}

function renderWorkflowMethod(
  model: PlannedModel,
  button: { name: string; label: string; from: string[]; to: string },
  after: string[] = [],
): string[] {
  const workflowField = model.workflow?.field ?? 'state';
  const options = findField(model, workflowField)?.spec.options ?? {};
  const fromLabels = button.from.map((state) => options[state] ?? state).join(', ');
  // The message is %-formatted with keyword arguments: a literal % must be written %%.
  const percent = (text: string): string => text.replace(/%/g, '%%');
  const states = `(${button.from.map(pyStr).join(', ')}${button.from.length === 1 ? ',' : ''})`;
  const message = `"%(record)s" cannot be set to %(target)s from its current state: "${percent(button.label)}" is only possible from ${percent(fromLabels)}.`;
  return [
    `def ${button.name}(self):`,
    `    """${docText(`${button.label}: ${fromLabels} → ${options[button.to] ?? button.to}.`)}"""`,
    '    for record in self:',
    `        if record.${workflowField} not in ${states}:`,
    '            raise UserError(',
    '                _(',
    `                    ${pyStr(message)},`,
    '                    record=record.display_name,',
    `                    target=${pyStr(options[button.to] ?? button.to)},`,
    '                )',
    '            )',
    `    self.write({${pyStr(workflowField)}: ${pyStr(button.to)}})`,
    ...after,
    '    return True',
  ];
}

/** `(a if b else c)` → `a if b else c`, when the first parenthesis closes at the end. */
function withoutOuterParentheses(code: string): string {
  if (!code.startsWith('(')) return code;
  let depth = 0;
  for (const [i, character] of [...code].entries()) {
    if (character === '(') depth += 1;
    else if (character === ')') depth -= 1;
    if (depth === 0) return i === code.length - 1 ? code.slice(1, -1) : code;
  }
  return code;
}

/** Text safe inside a triple-quoted docstring. */
function docText(text: string): string {
  return text.replace(/\\/g, '/').replace(/"/g, "'");
}
