import type { FieldSpec, ModuleSpec } from '../module-spec.js';
import { ExpressionProblem } from '../expression/expression-ast.js';
import { specPathResolver, typeExpression, type TypedExpression, type ValueType } from '../expression/type-expression.js';
import type { SpecPath } from './spec-model-index.js';

type Add = (path: SpecPath, message: string) => void;

/** The kinds of value each field type can hold from an expression. */
const FITS: Partial<Record<FieldSpec['type'], readonly ValueType[]>> = {
  integer: ['integer'],
  float: ['integer', 'float'],
  monetary: ['integer', 'float'],
  char: ['text'],
  text: ['text'],
  boolean: ['boolean'],
  date: ['date'],
  datetime: ['datetime'],
};

const SUGGESTED_TYPE: Record<ValueType, string> = {
  integer: 'integer',
  float: 'float',
  text: 'char',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

/**
 * Parses and type-checks an expression of `model`, reporting the first problem at `at` with its
 * column. Returns the typed expression when it is sound.
 */
export function checkModelExpression(
  spec: ModuleSpec,
  modelName: string,
  source: string,
  at: SpecPath,
  add: Add,
): TypedExpression | undefined {
  try {
    return typeExpression(source, specPathResolver(spec, modelName));
  } catch (thrown) {
    if (!(thrown instanceof ExpressionProblem)) throw thrown;
    add(at, `${JSON.stringify(source)}, column ${thrown.column}: ${thrown.message}`);
    return undefined;
  }
}

/** `compute: {expression: …}` (ModuleSpec 1.1): alone, sound, of the field's type, not reading itself. */
export function checkExpressionCompute(
  spec: ModuleSpec,
  modelName: string,
  name: string,
  field: FieldSpec,
  at: SpecPath,
  add: Add,
): void {
  const compute = field.compute ?? {};
  if (compute.expression === undefined) return;
  if (compute.count !== undefined || compute.sum !== undefined || compute.of !== undefined) {
    add(at, 'an expression computes the value alone: remove count, sum and of, or the expression');
    return;
  }
  const here: SpecPath = [...at, 'expression'];
  const fits = FITS[field.type];
  if (fits === undefined) {
    add(at, `an expression cannot compute a ${field.type} field: use integer, float, monetary, char, text, boolean, date or datetime`);
    return;
  }
  if (!(spec.models ?? []).some((model) => model.name === modelName)) {
    add(here, `an expression computes fields of the spec's models, not of ${modelName}`);
    return;
  }
  const typed = checkModelExpression(spec, modelName, compute.expression, here, add);
  if (typed === undefined) return;
  if (typed.paths.some((path) => path === name))
    add(here, `the expression reads ${name} itself: a field cannot be computed from its own value`);
  const result = typed.types.get(typed.root)?.type;
  if (result !== undefined && !fits.includes(result))
    add(here, `the expression gives a ${result}, but ${name} is a ${field.type} field: set type: ${SUGGESTED_TYPE[result]}`);
}
