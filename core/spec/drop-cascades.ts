import type { SpecReferenceError } from './check-spec-references.js';
import type { LostPart, SalvagePath } from './salvage-spec.js';

/**
 * A name that a left-out part of the spec carried, which other errors may only mention because
 * that part is missing: a model, a field of one model, a group key, a dependency, a key removed
 * from a mapping.
 */
interface LostName {
  name: string;
  /** For a field: the model it belongs to (its name, and where the model is written). */
  model?: { name: string | undefined; path: SalvagePath };
  /** For a removed key: only errors at or under this path are its consequences. */
  under?: SalvagePath;
}

/**
 * Drops the reference errors that only follow from a part of the spec that was left out for a
 * structural error (already reported there): an "unknown model" for a model whose name was
 * malformed, a "no such field" for a field whose type was wrong, "needs comodel" for a comodel
 * that was malformed, and so on. `input` is the spec as written (the lost paths point into it).
 */
export function dropCascades(
  errors: readonly SpecReferenceError[],
  lost: readonly LostPart[],
  input: unknown,
): SpecReferenceError[] {
  const names = lost.flatMap((part) => lostNames(part, input));
  if (names.length === 0) return [...errors];
  return errors.filter((error) => !names.some((name) => follows(error, name)));
}

function follows(error: SpecReferenceError, lost: LostName): boolean {
  const words = wordsOf(error.message);
  if (!words.has(normalize(lost.name))) return false;
  if (lost.under !== undefined) return startsWith(error.pathKeys, lost.under);
  if (lost.model !== undefined) {
    const modelName = lost.model.name;
    return (
      (modelName !== undefined && words.has(normalize(modelName))) ||
      startsWith(error.pathKeys, lost.model.path)
    );
  }
  return true;
}

/** The names a lost part carried (see LostName). */
function lostNames(part: LostPart, input: unknown): LostName[] {
  const { path, value } = part;
  const last = path[path.length - 1];
  const removedKey: LostName[] =
    typeof last === 'string' && path.length > 1 ? [{ name: last, under: path.slice(0, -1) }] : [];
  const global = (names: readonly string[]): LostName[] => names.map((name) => ({ name }));
  const [top, index] = path;
  if ((top === 'models' || top === 'extend') && typeof index === 'number')
    return [...removedKey, ...modelPartNames(part, input)];
  if (top === 'module') {
    if (path.length === 1)
      return global([...stringsIn(recordOf(value)['name']), ...stringsIn(recordOf(value)['depends'])]);
    if (index === 'name' || index === 'depends') return [...removedKey, ...global(stringsIn(value))];
  }
  if (top === 'security') {
    if (path.length === 1) return global(keysOf(recordOf(value)['groups']));
    if (index === 'groups' && path.length === 2) return [...removedKey, ...global(keysOf(value))];
    if (index === 'groups' && path.length === 3) return [...removedKey, ...global([String(path[2])])];
  }
  return removedKey;
}

/** The names lost with a model, an extension or one of their parts. */
function modelPartNames(part: LostPart, input: unknown): LostName[] {
  const { path, value } = part;
  const [top, index, child, key] = path as [string, number, ...(string | number | undefined)[]];
  const nameKey = top === 'models' ? 'name' : 'model';
  const modelName = stringAt(input, [top, index, nameKey]);
  const ofModel = (names: readonly string[]): LostName[] =>
    names.map((name) => ({ name, model: { name: modelName, path: [top, index] } }));
  if (path.length === 2) return modelName === undefined ? [] : [{ name: modelName }];
  if (child === nameKey) return stringsIn(value).map((name) => ({ name }));
  if (child === 'fields' && path.length <= 4)
    return ofModel(path.length === 3 ? keysOf(value) : [String(key)]);
  if (child === 'mixins') return stringsIn(path.length === 3 ? value : [value]).map((name) => ({ name }));
  if (child === 'workflow') {
    if (path.length === 3)
      return ofModel([...stringsIn(recordOf(value)['field']), ...buttonNames(recordOf(value)['buttons'])]);
    if (key === 'field' && path.length === 4) return ofModel(stringsIn(value));
    if (key === 'buttons' && path.length <= 5)
      return ofModel(buttonNames(path.length === 4 ? value : [value]));
  }
  return [];
}

function buttonNames(buttons: unknown): string[] {
  return Array.isArray(buttons) ? buttons.flatMap((button) => stringsIn(recordOf(button)['name'])) : [];
}

/** A string, or the strings of a list. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

function recordOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function keysOf(value: unknown): string[] {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
}

function stringAt(root: unknown, path: readonly (string | number)[]): string | undefined {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return typeof current === 'string' ? current : undefined;
}

function startsWith(path: readonly (string | number)[], prefix: readonly (string | number)[]): boolean {
  return prefix.every((key, i) => String(path[i]) === String(key));
}

/** `Library_Book` and `library.book` name the same thing for a reader: compare them alike. */
function normalize(word: string): string {
  return word.toLowerCase().replace(/[._-]+/g, '.');
}

/** The words of a message (names such as res.partner whole, and each of their dotted parts). */
function wordsOf(message: string): Set<string> {
  const words = new Set<string>();
  for (const raw of message.split(/[^A-Za-z0-9_.-]+/)) {
    const word = raw.replace(/^[.-]+|[.-]+$/g, '');
    if (word === '') continue;
    words.add(normalize(word));
    for (const part of word.split('.')) if (part !== '') words.add(normalize(part));
  }
  return words;
}
