import type { z } from 'zod';
import type { ModuleSpec } from './module-spec.js';

/** A path into the spec as the user wrote it (list indices of the original text). */
export type SalvagePath = (string | number)[];

/** A part of the spec left out because it was structurally wrong, with its original value. */
export interface LostPart {
  path: SalvagePath;
  value: unknown;
}

/** The largest structurally valid spec that can be kept, and how to map its paths back. */
export interface SalvagedSpec {
  /** The spec without the parts that failed the schema, or undefined when nothing usable is left. */
  spec: ModuleSpec | undefined;
  lost: readonly LostPart[];
  /** Maps a path in `spec` (list indices after removal) to the path in the original text. */
  toOriginal: (path: readonly (string | number)[]) => SalvagePath;
}

/**
 * Required values whose absence would leave nothing to check: a neutral stand-in keeps the rest
 * of the spec checkable (the structural error is reported anyway).
 */
const STAND_INS: readonly { path: SalvagePath; value: unknown }[] = [
  { path: ['spec_version'], value: 1 },
  { path: ['odoo'], value: '18.0' },
  { path: ['module'], value: { name: 'unnamed_module', title: 'Untitled' } },
  { path: ['module', 'name'], value: 'unnamed_module' },
  { path: ['module', 'title'], value: 'Untitled' },
];

const REMOVED = Symbol('removed');
const MAX_ROUNDS = 40;

/**
 * Removes from `input` the smallest parts that fail `schema` (a bad value, then the entry that
 * holds it when the value is required: a field of `fields`, an item of a list, …) until the rest
 * parses, so that the cross-references of everything else can still be checked. Works on a copy.
 */
export function salvageSpec(input: unknown, schema: z.ZodType<ModuleSpec>): SalvagedSpec {
  const tree = structuredClone(input) as unknown;
  const lost: LostPart[] = [];
  let compacted = compact(tree);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const parsed = schema.safeParse(compacted.value);
    if (parsed.success) return { spec: parsed.data, lost, toOriginal: compacted.toOriginal };
    for (const path of parsed.error.issues.flatMap((issue) => badPaths(issue, compacted.toOriginal))) {
      if (!removeAt(tree, path, input, lost)) return { spec: undefined, lost, toOriginal: (p) => [...p] };
    }
    compacted = compact(tree);
  }
  return { spec: undefined, lost, toOriginal: (p) => [...p] };
}

/** Where an issue's bad values are: each unknown key, or the value the issue is about. */
function badPaths(issue: z.core.$ZodIssue, toOriginal: Compacted['toOriginal']): SalvagePath[] {
  const path = toOriginal(issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)));
  return issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...path, key]) : [path];
}

/**
 * Removes the value at `path`; when it is already absent (a required key is missing), removes the
 * entry that holds it instead. False when only the whole spec could be removed.
 */
function removeAt(tree: unknown, path: SalvagePath, original: unknown, lost: LostPart[]): boolean {
  for (let depth = path.length; depth > 0; depth -= 1) {
    const at = path.slice(0, depth);
    const parent = nodeAt(tree, at.slice(0, -1));
    if (parent === REMOVED) return true;
    if (parent === null || typeof parent !== 'object') continue;
    const key = at[at.length - 1] as string | number;
    const container = parent as Record<string | number, unknown>;
    if (container[key] === undefined) continue;
    if (container[key] === REMOVED) return true;
    const standIn = STAND_INS.find((entry) => samePath(entry.path, at));
    if (standIn && JSON.stringify(container[key]) !== JSON.stringify(standIn.value)) {
      lost.push({ path: at, value: nodeAt(original, at) });
      container[key] = structuredClone(standIn.value);
      return true;
    }
    if (standIn) continue;
    lost.push({ path: at, value: nodeAt(original, at) });
    if (Array.isArray(parent)) container[key] = REMOVED;
    else delete container[key];
    return true;
  }
  return false;
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((key, i) => String(key) === String(b[i]));
}

function nodeAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === REMOVED) return REMOVED;
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

interface Compacted {
  value: unknown;
  toOriginal: (path: readonly (string | number)[]) => SalvagePath;
}

/** A copy of `tree` without the removed list items, with the index maps of every list. */
function compact(tree: unknown): Compacted {
  const indexMaps = new Map<string, number[]>();
  const copy = (node: unknown, at: string): unknown => {
    if (Array.isArray(node)) {
      const kept: number[] = [];
      const items: unknown[] = [];
      node.forEach((item, i) => {
        if (item === REMOVED) return;
        items.push(copy(item, `${at}/${kept.length}`));
        kept.push(i);
      });
      indexMaps.set(at, kept);
      return items;
    }
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [key, copy(value, `${at}/${key}`)]),
      );
    }
    return node;
  };
  const value = copy(tree, '');
  const toOriginal = (path: readonly (string | number)[]): SalvagePath => {
    let at = '';
    return path.map((key) => {
      const map = indexMaps.get(at);
      at = `${at}/${key}`;
      return typeof key === 'number' && map ? (map[key] ?? key) : key;
    });
  };
  return { value, toOriginal };
}
