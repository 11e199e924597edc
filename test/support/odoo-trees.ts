import type { TestContext } from 'node:test';
import { readOdooSourceTree, type OdooSourceTree } from '../../runner/local-odoo/odoo-source-tree.js';

/** The Odoo series Forge supports, oldest first. */
export const supportedSeries = ['16.0', '17.0', '18.0'] as const;
export type SupportedSeries = (typeof supportedSeries)[number];

/** The variable that names the tree of one series: `ODOO_SRC_16` for 16.0. */
export function treeVariable(series: string): string {
  return `ODOO_SRC_${series.split('.')[0]}`;
}

/**
 * The Odoo source trees given to the tests, by series: `ODOO_SRC_16`, `ODOO_SRC_17` and
 * `ODOO_SRC_18` each name the tree of their series; `ODOO_SRC` names one tree of any series
 * (read from its `odoo/release.py`) for a run on a single series. A variable that names
 * something that is not a tree of its series throws: a tree that was given must work.
 */
export function givenOdooTrees(env: NodeJS.ProcessEnv = process.env): Map<string, OdooSourceTree> {
  const trees = new Map<string, OdooSourceTree>();
  for (const series of supportedSeries) {
    const path = env[treeVariable(series)];
    if (!path) continue;
    const tree = readOdooSourceTree(path);
    if (tree.series !== series) {
      throw new Error(`${treeVariable(series)}=${path} is an Odoo ${tree.series} tree, not ${series}`);
    }
    trees.set(series, tree);
  }
  if (env.ODOO_SRC) {
    const tree = readOdooSourceTree(env.ODOO_SRC);
    if (!trees.has(tree.series)) trees.set(tree.series, tree);
  }
  return trees;
}

/** True when the run must have every series (`FORGE_REQUIRE_ODOO=1`, set by `.ci/run`). */
export function odooRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.FORGE_REQUIRE_ODOO === '1';
}

/**
 * The tree of `series` for a test, or a visible skip line naming what is missing. With
 * FORGE_REQUIRE_ODOO=1 a missing tree fails the test instead: CI must really run it.
 */
export function odooTreeOrSkip(
  t: TestContext,
  series: string,
  what: string,
  env: NodeJS.ProcessEnv = process.env,
): OdooSourceTree | undefined {
  const tree = givenOdooTrees(env).get(series);
  if (tree) return tree;
  const message = `no Odoo ${series} tree (set ${treeVariable(series)} or ODOO_SRC): ${what} (see docs/real-odoo.md)`;
  if (odooRequired(env)) throw new Error(`FORGE_REQUIRE_ODOO=1 but ${message}`);
  t.skip(message);
  return undefined;
}
