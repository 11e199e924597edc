import type { ExpressionNode } from '../spec/expression/expression-ast.js';
import type { TypedExpression } from '../spec/expression/type-expression.js';
import { pyStr } from './python-literal.js';

/** Python's binding strength of each form, loosest first. */
const PRECEDENCE = { conditional: 0, or: 1, and: 2, not: 3, comparison: 4, additive: 5, multiplicative: 6, unary: 7, atom: 8 } as const;

interface Emitted {
  code: string;
  precedence: number;
}

/**
 * The Python of a checked expression, reading fields of `record`. Unset values cannot break
 * it: a text reads as "", subtracting or ordering dates of which one is unset gives 0 or
 * False, and a division by zero gives 0.0.
 */
export function pythonExpression(typed: TypedExpression, options: { datesSet?: boolean } = {}): string {
  return emit(typed.root, typed, { record: 'record', datesSet: options.datesSet === true }).code;
}

interface EmitContext {
  record: string;
  /** The caller checked every date it reads is set (a constraint): order dates without a guard. */
  datesSet: boolean;
}

function wrap(emitted: Emitted, minimum: number): string {
  return emitted.precedence >= minimum ? emitted.code : `(${emitted.code})`;
}

function atom(code: string): Emitted {
  return { code, precedence: PRECEDENCE.atom };
}

function emit(node: ExpressionNode, typed: TypedExpression, context: EmitContext): Emitted {
  const type = (of: ExpressionNode) => typed.types.get(of)?.type;
  const sub = (of: ExpressionNode) => emit(of, typed, context);
  switch (node.kind) {
    case 'number':
      return atom(node.text);
    case 'string':
      return atom(pyStr(node.value));
    case 'boolean':
      return atom(node.value ? 'True' : 'False');
    case 'path': {
      const read = `${context.record}.${node.path.join('.')}`;
      return type(node) === 'text' ? atom(`(${read} or "")`) : atom(read);
    }
    case 'not':
      return { code: `not ${wrap(sub(node.operand), PRECEDENCE.not)}`, precedence: PRECEDENCE.not };
    case 'negate':
      return { code: `-${wrap(sub(node.operand), PRECEDENCE.unary)}`, precedence: PRECEDENCE.unary };
    case 'conditional':
      return {
        code: `${wrap(sub(node.then), PRECEDENCE.or)} if ${wrap(sub(node.condition), PRECEDENCE.or)} else ${wrap(sub(node.otherwise), PRECEDENCE.conditional)}`,
        precedence: PRECEDENCE.conditional,
      };
    case 'binary': {
      const left = sub(node.left);
      const right = sub(node.right);
      const dates = type(node.left) === 'date' || type(node.left) === 'datetime';
      if (node.operator === '-' && dates) {
        const [l, r] = [wrap(left, PRECEDENCE.atom), wrap(right, PRECEDENCE.atom)];
        return atom(`((${l} - ${r}).days if ${l} and ${r} else 0)`);
      }
      if (node.operator === '/') {
        const r = wrap(right, PRECEDENCE.multiplicative + 1);
        return atom(`(${wrap(left, PRECEDENCE.multiplicative)} / ${r} if ${r} else 0.0)`);
      }
      if (dates && !context.datesSet && ['<', '<=', '>', '>='].includes(node.operator)) {
        const [l, r] = [wrap(left, PRECEDENCE.atom), wrap(right, PRECEDENCE.atom)];
        return atom(`bool(${l} and ${r} and ${l} ${node.operator} ${r})`);
      }
      const precedence =
        node.operator === 'or'
          ? PRECEDENCE.or
          : node.operator === 'and'
            ? PRECEDENCE.and
            : node.operator === '+' || node.operator === '-'
              ? PRECEDENCE.additive
              : node.operator === '*'
                ? PRECEDENCE.multiplicative
                : PRECEDENCE.comparison;
      const leftMinimum = precedence === PRECEDENCE.comparison ? precedence + 1 : precedence;
      return { code: `${wrap(left, leftMinimum)} ${node.operator} ${wrap(right, precedence + 1)}`, precedence };
    }
  }
}
