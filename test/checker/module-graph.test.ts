import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dependencyClosure, resolveDependencies } from '../../core/checker/module-graph.js';

const graph: Record<string, string[]> = {
  base: [],
  mail: ['base'],
  sale: ['mail', 'product'],
  product: ['base'],
  broken: ['base', 'nowhere'],
  loop_a: ['loop_b'],
  loop_b: ['loop_c'],
  loop_c: ['loop_a'],
};
const dependsOf = (name: string): string[] | undefined => graph[name];

test('install order puts every module after its dependencies', () => {
  const { order, missing, cycles } = resolveDependencies(['sale'], dependsOf);
  assert.deepEqual(order, ['base', 'mail', 'product', 'sale']);
  assert.equal(missing.size, 0);
  assert.deepEqual(cycles, []);
});

test('missing dependencies are reported by the module that needs them', () => {
  const { missing, order } = resolveDependencies(['broken', 'sale'], dependsOf);
  assert.deepEqual(Object.fromEntries(missing), { broken: ['nowhere'] });
  assert.ok(order.indexOf('base') < order.indexOf('broken'));
});

test('a cycle is reported once, closed on its first module, and the order still lists everything', () => {
  const { cycles, order } = resolveDependencies(['loop_a'], dependsOf);
  assert.equal(cycles.length, 1);
  assert.deepEqual(cycles[0], ['loop_a', 'loop_b', 'loop_c', 'loop_a']);
  assert.deepEqual([...order].sort(), ['loop_a', 'loop_b', 'loop_c']);
});

test('the closure holds the module and everything it needs', () => {
  assert.deepEqual([...dependencyClosure('sale', dependsOf)].sort(), ['base', 'mail', 'product', 'sale']);
});
