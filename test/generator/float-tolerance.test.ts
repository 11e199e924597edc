import { test } from 'node:test';
import assert from 'node:assert/strict';
import { floatTolerance } from '../../core/generator/float-tolerance.js';

// Issue 12: a monetary default of 1e-7 is stored as 0.0 (currency rounding), and
// assertAlmostEqual(0.0, 1e-7) fails at its default 7 places on real Odoo.
test('a value Odoo rounds on storage is compared within one unit of its precision', () => {
  assert.equal(floatTolerance({ type: 'monetary' }, 1e-7), ', delta=1e-2');
  assert.equal(floatTolerance({ type: 'float', digits: [2, 0] }, 1.5), ', delta=1');
  assert.equal(floatTolerance({ type: 'float', digits: [16, 3] }, 0.0001), ', delta=1e-3');
});

test('an exact value, or a float without digits, keeps the default 7 places', () => {
  assert.equal(floatTolerance({ type: 'monetary' }, 10), '');
  assert.equal(floatTolerance({ type: 'monetary' }, 1.25), '');
  assert.equal(floatTolerance({ type: 'float', digits: [16, 2] }, 0.1), '');
  assert.equal(floatTolerance({ type: 'float' }, 1e-7), '');
  assert.equal(floatTolerance(undefined, 1e-7), '');
});
