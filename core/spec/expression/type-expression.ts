import type { FieldSpec, ModuleSpec } from '../module-spec.js';
import { ExpressionProblem, type ExpressionNode } from './expression-ast.js';
import { parseExpression } from './parse-expression.js';

/** The kinds of values an expression computes. */
export type ValueType = 'integer' | 'float' | 'text' | 'boolean' | 'date' | 'datetime';

export interface Typed {
  type: ValueType;
  /** A selection field's keys: a text it is compared with must be one of them. */
  options?: readonly string[];
}

/** A parsed and type-checked expression: each node's type, and the field paths it reads. */
export interface TypedExpression {
  root: ExpressionNode;
  types: ReadonlyMap<ExpressionNode, Typed>;
  /** The dotted paths read, in order of first use (the `@api.depends` of a compute). */
  paths: string[];
}

/** The field at the end of a path, or why there is none. */
export type ResolvePath = (path: readonly string[]) => FieldSpec | string;

const MAGIC: Readonly<Record<string, FieldSpec>> = {
  id: { type: 'integer' },
  create_date: { type: 'datetime' },
  write_date: { type: 'datetime' },
};

/**
 * Looks paths up through the models of `spec`: every part but the last a many2one to a model
 * of the spec (whose fields are all known), the last a field with a value.
 */
export function specPathResolver(spec: ModuleSpec, modelName: string): ResolvePath {
  const models = new Map((spec.models ?? []).map((model) => [model.name, model.fields]));
  return (path) => {
    let model = modelName;
    for (const [position, segment] of path.entries()) {
      const fields = models.get(model);
      if (fields === undefined)
        return `${model} is not a model of this spec: an expression reads only fields of the spec's models`;
      const field = Object.hasOwn(fields, segment) ? fields[segment] : MAGIC[segment];
      if (field === undefined) {
        const names = Object.keys(fields);
        return `${model} has no field ${segment}: expected one of ${names.join(', ')}`;
      }
      if (position === path.length - 1) return field;
      if (field.type !== 'many2one' || field.comodel === undefined)
        return `${segment} is a ${field.type} field: every part of a path but the last must be a many2one`;
      model = field.comodel;
    }
    return 'an empty path';
  };
}

/** Parses and type-checks `source`; throws an ExpressionProblem (with its column) on the first problem. */
export function typeExpression(source: string, resolve: ResolvePath): TypedExpression {
  const root = parseExpression(source);
  const types = new Map<ExpressionNode, Typed>();
  const paths: string[] = [];
  const visit = (node: ExpressionNode): Typed => {
    const typed = typeOf(node, visit, resolve, paths);
    types.set(node, typed);
    return typed;
  };
  visit(root);
  return { root, types, paths };
}

const NUMERIC = new Set<ValueType>(['integer', 'float']);

function valueType(field: FieldSpec, name: string, at: number): Typed {
  switch (field.type) {
    case 'integer':
      return { type: 'integer' };
    case 'float':
    case 'monetary':
      return { type: 'float' };
    case 'char':
    case 'text':
      return { type: 'text' };
    case 'selection':
      // A related selection without options has its target's: not known here.
      return field.options === undefined ? { type: 'text' } : { type: 'text', options: Object.keys(field.options) };
    case 'boolean':
    case 'date':
    case 'datetime':
      return { type: field.type };
    case 'many2one':
      throw new ExpressionProblem(`${name} is a many2one field: name one of its fields, such as ${name}.name`, at);
    case 'one2many':
    case 'many2many':
      throw new ExpressionProblem(`${name} is a ${field.type} field: count or add up its records with compute: {count: …} or {sum: …, of: …}`, at);
    default:
      throw new ExpressionProblem(`${name} is a ${field.type} field: an expression cannot read it`, at);
  }
}

function typeOf(node: ExpressionNode, visit: (node: ExpressionNode) => Typed, resolve: ResolvePath, paths: string[]): Typed {
  switch (node.kind) {
    case 'number':
      return { type: node.text.includes('.') ? 'float' : 'integer' };
    case 'string':
      return { type: 'text' };
    case 'boolean':
      return { type: 'boolean' };
    case 'path': {
      const field = resolve(node.path);
      const name = node.path.join('.');
      if (typeof field === 'string') throw new ExpressionProblem(field, node.at);
      if (!paths.includes(name)) paths.push(name);
      return valueType(field, name, node.at);
    }
    case 'not':
      expectBoolean(visit(node.operand), 'not', node.operand.at);
      return { type: 'boolean' };
    case 'negate': {
      const operand = visit(node.operand);
      if (!NUMERIC.has(operand.type)) throw new ExpressionProblem(`- needs a number, not a ${operand.type}`, node.at);
      return operand;
    }
    case 'conditional': {
      expectBoolean(visit(node.condition), 'if', node.condition.at);
      const then = visit(node.then);
      const otherwise = visit(node.otherwise);
      if (NUMERIC.has(then.type) && NUMERIC.has(otherwise.type))
        return { type: then.type === 'float' || otherwise.type === 'float' ? 'float' : 'integer' };
      if (then.type !== otherwise.type)
        throw new ExpressionProblem(`both branches of if/else must give the same kind of value, not ${then.type} and ${otherwise.type}`, node.at);
      return { type: then.type };
    }
    case 'binary':
      return binaryType(node, visit(node.left), visit(node.right));
  }
}

function expectBoolean(typed: Typed, operator: string, at: number): void {
  if (typed.type !== 'boolean')
    throw new ExpressionProblem(`${operator} needs a condition (true or false), not a ${typed.type}: compare it, e.g. x > 0`, at);
}

function binaryType(node: Extract<ExpressionNode, { kind: 'binary' }>, left: Typed, right: Typed): Typed {
  const { operator, at } = node;
  const numbers = NUMERIC.has(left.type) && NUMERIC.has(right.type);
  const wider: ValueType = left.type === 'float' || right.type === 'float' ? 'float' : 'integer';
  switch (operator) {
    case 'and':
    case 'or':
      expectBoolean(left, operator, node.left.at);
      expectBoolean(right, operator, node.right.at);
      return { type: 'boolean' };
    case '+':
      if (numbers) return { type: wider };
      if (left.type === 'text' && right.type === 'text') return { type: 'text' };
      throw new ExpressionProblem(`+ adds two numbers or joins two texts, not a ${left.type} and a ${right.type}`, at);
    case '-':
      if (numbers) return { type: wider };
      if (left.type === 'date' && right.type === 'date') return { type: 'integer' };
      throw new ExpressionProblem(
        `- subtracts two numbers, or two dates (giving days), not a ${left.type} and a ${right.type}`,
        at,
      );
    case '*':
      if (numbers) return { type: wider };
      throw new ExpressionProblem(`* multiplies numbers, not a ${left.type} and a ${right.type}`, at);
    case '/':
      if (numbers) return { type: 'float' };
      throw new ExpressionProblem(`/ divides numbers, not a ${left.type} and a ${right.type}`, at);
    default:
      return comparisonType(node, left, right);
  }
}

function comparisonType(node: Extract<ExpressionNode, { kind: 'binary' }>, left: Typed, right: Typed): Typed {
  const { operator, at } = node;
  const numbers = NUMERIC.has(left.type) && NUMERIC.has(right.type);
  if (!numbers && left.type !== right.type)
    throw new ExpressionProblem(`${operator} compares values of one kind, not a ${left.type} and a ${right.type}`, at);
  if (left.type === 'boolean' && operator !== '==' && operator !== '!=')
    throw new ExpressionProblem(`${operator} does not order true and false: use == or !=`, at);
  for (const [side, other] of [
    [node.left, right],
    [node.right, left],
  ] as const) {
    if (side.kind === 'string' && other.options !== undefined && !other.options.includes(side.value))
      throw new ExpressionProblem(`'${side.value}' is not an option of the selection: expected one of ${other.options.join(', ')}`, side.at);
  }
  return { type: 'boolean' };
}
