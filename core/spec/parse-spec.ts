import { LineCounter, parseDocument } from 'yaml';
import { checkSpecReferences, type SpecReferenceError } from './check-spec-references.js';
import { dropCascades } from './drop-cascades.js';
import { formatSpecPath } from './format-spec-path.js';
import type { ModuleSpec, ParseSpecResult, SpecError } from './module-spec.js';
import { moduleSpecSchema } from './module-spec-schema.js';
import { salvageSpec, type SalvagedSpec } from './salvage-spec.js';
import { issueToErrors } from './schema-issue-errors.js';
import { locator, type Locate } from './spec-locator.js';
import { applySpecOverrides, type AppliedOverride, type SpecOverrides } from './spec-overrides.js';

export interface ParseSpecOptions {
  /** Values that replace the spec's own before validation (a request form's fields). */
  overrides?: SpecOverrides;
}

/**
 * Parses and validates a ModuleSpec written in YAML. Every problem is reported at once, in the
 * order of the text, each with the path of the bad value and, when the YAML has it, its line and
 * column: duplicate keys, structural problems (types, unknown keys, missing keys) and the
 * cross-references of every part that is structurally sound, without the errors that only follow
 * from a part left out for a structural error.
 */
export function parseSpec(source: string, options: ParseSpecOptions = {}): ParseSpecResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2' });
  const yamlErrors: SpecError[] = doc.errors.map((error) => {
    const pos = lineCounter.linePos(error.pos[0]);
    return {
      path: '(yaml)',
      message: yamlMessage(error.code, error.message, keyText(source, error.pos[0])),
      line: pos.line,
      column: pos.col,
    };
  });
  // A duplicate key leaves a usable document: go on so that every other error is reported too.
  if (doc.errors.some((error) => error.code !== 'DUPLICATE_KEY')) return { ok: false, errors: yamlErrors };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch (thrown) {
    return {
      ok: false,
      errors: [...yamlErrors, { path: '(yaml)', message: String((thrown as Error).message ?? thrown) }],
    };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      errors: [
        {
          path: '(top level)',
          message: 'expected a mapping with spec_version, odoo, module, …',
          line: 1,
          column: 1,
        },
      ],
    };
  }
  const locate = locator(doc, lineCounter);
  const { input, applied } = applySpecOverrides(raw as Record<string, unknown>, options.overrides);
  const overridden = applied.map((each) => ({ ...each, line: locate(each.pathKeys).line }));
  const parsed = moduleSpecSchema.safeParse(input);
  const structural = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) => issueToErrors(issue, input, locate));
  const salvaged: SalvagedSpec = parsed.success
    ? { spec: parsed.data, lost: [], toOriginal: (path) => [...path] }
    : salvageSpec(input, moduleSpecSchema);
  const errors = inTextOrder(
    dedupe([...yamlErrors, ...structural, ...referenceErrors(salvaged, input, locate)]),
  ).map((error) => withOverrideNote(error, overridden));
  const extra = overridden.length > 0 ? { overridden } : {};
  if (!parsed.success || errors.length > 0) return { ok: false, errors, ...extra };
  return { ok: true, spec: parsed.data as ModuleSpec, ...extra };
}

/** An error about a replaced value says where the value came from. */
function withOverrideNote(error: SpecError, overridden: readonly AppliedOverride[]): SpecError {
  const override = overridden.find((each) => each.path === error.path);
  if (override === undefined) return error;
  return { ...error, message: `${error.message} (the value ${override.value} replaced the spec's)` };
}

/** The cross-reference errors of what could be kept of the spec, at their places in the text. */
function referenceErrors(salvaged: SalvagedSpec, input: unknown, locate: Locate): SpecError[] {
  if (salvaged.spec === undefined) return [];
  const inText: SpecReferenceError[] = checkSpecReferences(salvaged.spec).map((error) => ({
    pathKeys: salvaged.toOriginal(error.pathKeys),
    message: renumber(error.message, salvaged.toOriginal),
  }));
  return dropCascades(inText, salvaged.lost, input).map((error) => ({
    ...locate(error.pathKeys),
    path: formatSpecPath(error.pathKeys),
    message: error.message,
  }));
}

/** Messages name other entries by their place (`models[2]`): the place in the text, not in the kept spec. */
function renumber(message: string, toOriginal: SalvagedSpec['toOriginal']): string {
  return message.replace(/\b(models|extend)\[(\d+)\]/g, (_, list: string, index: string) => {
    return `${list}[${String(toOriginal([list, Number(index)])[1])}]`;
  });
}

/** Top to bottom, left to right; an error without a place (rare) comes last. Stable. */
function inTextOrder(errors: SpecError[]): SpecError[] {
  const at = (error: SpecError) => [error.line ?? Number.MAX_SAFE_INTEGER, error.column ?? 0] as const;
  return [...errors].sort((a, b) => at(a)[0] - at(b)[0] || at(a)[1] - at(b)[1]);
}

/** The key written at `offset` (YAML reports a duplicate key with a one-character range). */
function keyText(source: string, offset: number): string {
  return (
    /^(?:"[^"\n]*"|'[^'\n]*'|[^:,{}\n]+)/.exec(source.slice(offset))?.[0] ?? source.slice(offset, offset + 1)
  );
}

function yamlMessage(code: string, message: string, text: string): string {
  const firstLine = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY')
    return `duplicate key \`${text.trim()}\`: each key may appear once in a mapping`;
  return `YAML syntax error: ${firstLine}`;
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
