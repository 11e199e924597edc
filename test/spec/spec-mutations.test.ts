import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { library } from './spec-helpers.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path to a value inside `value` (keys of mappings, indexes of lists). */
function paths(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...paths(item, [...prefix, key])]);
}

function mutate(
  root: Json,
  path: Path,
  change: (parent: Json[] | Record<string, Json>, key: string | number) => void,
): Json {
  const copy = structuredClone(root);
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string, Json>)[key] as Json;
  change(parent as Json[] | Record<string, Json>, path[path.length - 1] as string | number);
  return copy;
}

describe('parseSpec on every one-step mutation of the library example', () => {
  const base = library() as unknown as Json;
  const all = paths(base);

  it('never throws, and every error has a path and a message', () => {
    const replacements: Json[] = ['x', {}];
    let refused = 0;
    for (const path of all) {
      const variants = [
        mutate(base, path, (parent, key) =>
          Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key],
        ),
        ...replacements.map((replacement) =>
          mutate(base, path, (parent, key) => ((parent as Record<string, Json>)[key] = replacement)),
        ),
      ];
      for (const variant of variants) {
        const result = parseSpec(stringify(variant));
        if (result.ok) continue;
        refused += 1;
        for (const error of result.errors) {
          assert.ok(
            error.path.length > 0 && error.message.length > 0,
            `empty error for a change at ${path.join('.')}`,
          );
        }
      }
    }
    assert.ok(all.length > 200, `only ${all.length} paths`);
    assert.ok(refused > all.length, `only ${refused} variants refused`);
  });
});
