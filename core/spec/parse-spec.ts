import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { checkSpecReferences } from './check-spec-references.js';
import { formatSpecPath } from './format-spec-path.js';
import type { ModuleSpec, ParseSpecResult, SpecError } from './module-spec.js';
import { moduleSpecSchema } from './module-spec-schema.js';
import { allowedKeysAt, closestKey } from './schema-keys.js';

/**
 * Parses and validates a ModuleSpec written in YAML. Every problem is reported at once, each with
 * the path of the bad value and, when the YAML has it, its line and column. Structural problems
 * (types, unknown keys) come first; the cross-references are checked once the structure is sound.
 */
export function parseSpec(source: string): ParseSpecResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2' });
  const yamlErrors: SpecError[] = doc.errors.map((error) => {
    const pos = lineCounter.linePos(error.pos[0]);
    return { path: '(yaml)', message: yamlMessage(error.code, error.message, keyText(source, error.pos[0])), line: pos.line, column: pos.col };
  });
  // A duplicate key leaves a usable document: go on so that every other error is reported too.
  if (doc.errors.some((error) => error.code !== 'DUPLICATE_KEY')) return { ok: false, errors: yamlErrors };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch (thrown) {
    return { ok: false, errors: [...yamlErrors, { path: '(yaml)', message: String((thrown as Error).message ?? thrown) }] };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [{ path: '(top level)', message: 'expected a mapping with spec_version, odoo, module, …', line: 1, column: 1 }] };
  }
  const input = normalizeSeries(raw as Record<string, unknown>);
  const parsed = moduleSpecSchema.safeParse(input);
  const locate = locator(doc, lineCounter);
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((issue) => issueToErrors(issue, input, locate));
    return { ok: false, errors: dedupe([...yamlErrors, ...errors]) };
  }
  if (yamlErrors.length > 0) return { ok: false, errors: yamlErrors };
  const referenceErrors = checkSpecReferences(parsed.data);
  if (referenceErrors.length > 0) {
    return {
      ok: false,
      errors: referenceErrors.map((error) => ({ ...locate(error.pathKeys), path: formatSpecPath(error.pathKeys), message: error.message })),
    };
  }
  return { ok: true, spec: parsed.data as ModuleSpec };
}

/** `odoo: 18.0` unquoted is the number 18 in YAML; take it as the series people meant. */
function normalizeSeries(raw: Record<string, unknown>): Record<string, unknown> {
  const series = raw['odoo'];
  if (typeof series === 'number' && [16, 17, 18].includes(series)) return { ...raw, odoo: `${series}.0` };
  return raw;
}

/** The key written at `offset` (YAML reports a duplicate key with a one-character range). */
function keyText(source: string, offset: number): string {
  return /^(?:"[^"\n]*"|'[^'\n]*'|[^:,{}\n]+)/.exec(source.slice(offset))?.[0] ?? source.slice(offset, offset + 1);
}

function yamlMessage(code: string, message: string, text: string): string {
  const firstLine = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return `duplicate key \`${text.trim()}\`: each key may appear once in a mapping`;
  return `YAML syntax error: ${firstLine}`;
}

type Locate = (path: readonly PropertyKey[]) => { line?: number; column?: number };

/** Finds the line and column of the deepest YAML node that exists along `path`. */
function locator(doc: Document, lineCounter: LineCounter): Locate {
  return (path) => {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const prefix = path.slice(0, depth).map((key) => (typeof key === 'symbol' ? String(key) : key));
      const node = keyNode(doc, prefix);
      const offset = node?.range?.[0];
      if (offset !== undefined) {
        const pos = lineCounter.linePos(offset);
        return { line: pos.line, column: pos.col };
      }
    }
    return {};
  };
}

/** For the full path, point at the key (where people look) rather than the value. */
function keyNode(doc: Document, path: (string | number)[]): YamlNode | undefined {
  if (path.length === 0) return doc.contents ?? undefined;
  const parent = doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(last));
    if (pair && isScalar(pair.key)) return pair.key;
  }
  return doc.getIn(path, true) as YamlNode | undefined;
}

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

function issueToErrors(issue: z.core.$ZodIssue, input: unknown, locate: Locate): SpecError[] {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      const allowed = allowedKeysAt(path);
      const suggestion = closestKey(key, allowed);
      const hint = suggestion ? `; did you mean \`${suggestion}\`?` : allowed.length > 0 ? `; allowed here: ${allowed.join(', ')}` : '';
      return { path: formatSpecPath(keyPath), message: `unknown key \`${key}\`${hint}`, ...locate(keyPath) };
    });
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // Report the branch that got furthest: the one with the fewest issues.
    const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
    if (best.length > 0) return best.flatMap((sub) => issueToErrors({ ...sub, path: [...path, ...sub.path] }, input, locate));
  }
  const value = valueAt(input, path);
  const expected = issue.message.startsWith('Invalid input')
    ? `expected ${issue.code === 'invalid_type' ? humanType(String(issue.expected)) : 'a valid value'}`
    : issue.message;
  const message = value === undefined ? `missing (required): ${expected}` : `${expected}, got ${describe(value)}`;
  return [{ path: formatSpecPath(path), message, ...locate(path) }];
}

function humanType(expected: string): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', boolean: 'true or false' };
  return names[expected] ?? expected;
}

function dedupe(errors: SpecError[]): SpecError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.path}|${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
