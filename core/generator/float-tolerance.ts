import type { FieldSpec } from '../spec/module-spec.js';

/**
 * The `, delta=...` an assertAlmostEqual on `field` needs when Odoo stores `value` rounded: a float
 * with `digits` keeps `digits[1]` decimals, a monetary is rounded to its currency (0.01 for the
 * company currency of a test database). Empty when `value` is exact at that precision, so
 * assertAlmostEqual's default 7 places still checks it (a default of 1e-7 on a monetary is stored
 * as 0.0, which 7 places would report as a failure).
 */
export function floatTolerance(field: Pick<FieldSpec, 'type' | 'digits'> | undefined, value: unknown): string {
  if (typeof value !== 'number' || field === undefined) return '';
  const scale = field.type === 'monetary' ? 2 : field.type === 'float' && field.digits ? field.digits[1] : undefined;
  if (scale === undefined) return '';
  const units = value * 10 ** scale;
  if (Math.abs(units - Math.round(units)) < 1e-6) return '';
  return `, delta=${scale === 0 ? '1' : `1e-${scale}`}`;
}
