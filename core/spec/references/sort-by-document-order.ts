import type { SpecReferenceError } from '../check-spec-references.js';

/**
 * Sorts errors in the order their places appear in the spec (key order of each mapping, index
 * of each list), so that a long report reads top to bottom. Errors at one place keep their order.
 */
export function sortByDocumentOrder(spec: unknown, errors: readonly SpecReferenceError[]): SpecReferenceError[] {
  const ranked = errors.map((error) => ({ error, rank: rank(spec, error.pathKeys) }));
  ranked.sort((a, b) => compareRanks(a.rank, b.rank));
  return ranked.map((entry) => entry.error);
}

function rank(root: unknown, path: readonly (string | number)[]): number[] {
  const ranks: number[] = [];
  let node: unknown = root;
  for (const key of path) {
    if (Array.isArray(node)) {
      ranks.push(typeof key === 'number' ? key : node.length);
      node = typeof key === 'number' ? node[key] : undefined;
    } else if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      const index = keys.indexOf(String(key));
      ranks.push(index < 0 ? keys.length : index);
      node = (node as Record<string, unknown>)[String(key)];
    } else {
      ranks.push(0);
      node = undefined;
    }
  }
  return ranks;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
