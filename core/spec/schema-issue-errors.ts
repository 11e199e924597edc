import type { z } from 'zod';
import { formatSpecPath } from './format-spec-path.js';
import type { SpecError } from './module-spec.js';
import { allowedKeysAt, closestKey } from './schema-keys.js';
import type { Locate } from './spec-locator.js';

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** The errors a schema issue stands for (an unknown key each, the closest branch of a union). */
export function issueToErrors(issue: z.core.$ZodIssue, input: unknown, locate: Locate): SpecError[] {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      const allowed = allowedKeysAt(path);
      const suggestion = closestKey(key, allowed);
      const hint = suggestion
        ? `; did you mean \`${suggestion}\`?`
        : allowed.length > 0
          ? `; allowed here: ${allowed.join(', ')}`
          : '';
      return { path: formatSpecPath(keyPath), message: `unknown key \`${key}\`${hint}`, ...locate(keyPath) };
    });
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // Report the branch that got furthest: the one with the fewest issues.
    const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
    if (best.length > 0)
      return best.flatMap((sub) => issueToErrors({ ...sub, path: [...path, ...sub.path] }, input, locate));
  }
  const value = valueAt(input, path);
  const expected = issue.message.startsWith('Invalid input')
    ? `expected ${issue.code === 'invalid_type' ? humanType(String(issue.expected)) : 'a valid value'}`
    : issue.message;
  const message =
    value === undefined ? `missing (required): ${expected}` : `${expected}, got ${describe(value)}`;
  return [{ path: formatSpecPath(path), message, ...locate(path) }];
}

function humanType(expected: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
  };
  return names[expected] ?? expected;
}
