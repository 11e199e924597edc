import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { SpecError } from '../../core/spec/module-spec.js';
import { parseSpec } from '../../core/spec/parse-spec.js';

export const LIBRARY_PATH = fileURLToPath(new URL('../../examples/library.yaml', import.meta.url));
export const LIBRARY_YAML = readFileSync(LIBRARY_PATH, 'utf8');

/** A JSON-like spec document that tests reshape freely. */
export type SpecDoc = Record<string, unknown> & {
  models: ModelDoc[];
  extend: {
    model: string;
    fields: Record<string, FieldDoc>;
    view?: Record<string, unknown>;
    constraints?: unknown[];
  }[];
  module: Record<string, unknown>;
  menus: { root: string; items: { model: string; label: string }[] };
  security: {
    groups: Record<string, { name: string; implies?: string[] }>;
    access: Record<string, Record<string, string>>;
    rules: Record<string, unknown>[];
  };
  demo: Record<string, Record<string, unknown>[]>;
  tests: Record<string, unknown>[];
};
export type FieldDoc = Record<string, unknown>;
export type ModelDoc = Record<string, unknown> & {
  name: string;
  fields: Record<string, FieldDoc>;
  constraints: Record<string, unknown>[];
  workflow: { field: string; buttons: Record<string, unknown>[] };
  views: Record<string, unknown> & { list: string[]; search: Record<string, unknown> };
  mixins?: string[];
};

/** A fresh copy of examples/library.yaml as plain data (valid as is). */
export function library(): SpecDoc {
  const result = parseSpec(LIBRARY_YAML);
  assert.ok(result.ok, 'examples/library.yaml must stay valid');
  return structuredClone(result.spec) as unknown as SpecDoc;
}

/** The library example changed by `edit`, back to YAML. */
export function libraryYaml(edit: (spec: SpecDoc) => void): string {
  const spec = library();
  edit(spec);
  return stringify(spec);
}

/** The errors of a YAML spec; fails the test when it is valid. */
export function errorsOf(yamlText: string): SpecError[] {
  const result = parseSpec(yamlText);
  assert.equal(result.ok, false, 'expected the spec to be refused');
  return result.ok ? [] : result.errors;
}

/** The errors of the library example changed by `edit`. */
export function libraryErrors(edit: (spec: SpecDoc) => void): SpecError[] {
  return errorsOf(libraryYaml(edit));
}

/** Asserts the library changed by `edit` is still valid (no false alarm). */
export function assertLibraryValid(edit: (spec: SpecDoc) => void): void {
  const result = parseSpec(libraryYaml(edit));
  assert.deepEqual(result.ok ? [] : result.errors, []);
}

/** Asserts one error at `path` whose message contains every fragment. */
export function assertError(errors: readonly SpecError[], path: string, ...fragments: string[]): void {
  const atPath = errors.filter((error) => error.path === path);
  assert.ok(
    atPath.length > 0,
    `no error at ${path}; got:\n${errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`,
  );
  const match = atPath.find((error) => fragments.every((fragment) => error.message.includes(fragment)));
  assert.ok(
    match,
    `no error at ${path} mentions ${fragments.join(' + ')}; got:\n${atPath.map((e) => `  ${e.message}`).join('\n')}`,
  );
}

/** Asserts exactly these paths have errors (each once or more), no others. */
export function assertPaths(errors: readonly SpecError[], paths: string[]): void {
  assert.deepEqual(
    [...new Set(errors.map((error) => error.path))].sort(),
    [...paths].sort(),
    errors.map((e) => `${e.path}: ${e.message}`).join('\n'),
  );
}

export function book(spec: SpecDoc): ModelDoc {
  return spec.models[0] as ModelDoc;
}

export function loan(spec: SpecDoc): ModelDoc {
  return spec.models[1] as ModelDoc;
}
