import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { SPEC_SYSTEM_PROMPT } from '../../core/llm/spec-prompt.js';
import { MODULE_SPEC_1_1_KEYS } from '../../core/spec/module-spec-json-schema.js';
import { parseSpec } from '../../core/spec/parse-spec.js';

/**
 * Every ```yaml excerpt of docs/module-spec.md is checked by the real validator, so the
 * reference cannot drift from the code. Each excerpt follows a marker comment saying what it is:
 *
 *   <!-- excerpt: complete -->                                  a whole spec, valid as it is
 *   <!-- excerpt: base=examples/room_booking.yaml at=models[meeting.booking] -->
 *   <!-- excerpt: base=minimal odoo=16.0 at=models -->
 *   <!-- excerpt: base=examples/room_booking.yaml at=models[meeting.booking].views refused="…" -->
 *
 * `base` is an example or `minimal` (spec_version, odoo, module: doc_excerpt depending on mail);
 * `at` where the excerpt goes: nothing (top-level keys), `models` (a list of models, merged by
 * name), `models[<name>]` (keys of that model), `models[<name>].<key>` (keys under it). Mappings
 * are merged into the base, a field definition and any other list replace the base's. The spec
 * must then be valid, or with `refused` be refused with an error saying that text.
 */

const docPath = new URL('../../docs/module-spec.md', import.meta.url);
const doc = readFileSync(docPath, 'utf8');

interface Excerpt {
  /** 1-based line of the ```yaml fence. */
  line: number;
  yaml: string;
  marker: Record<string, string> | undefined;
}

function excerptsOf(markdown: string): Excerpt[] {
  const lines = markdown.split('\n');
  const found: Excerpt[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!/^\s*```yaml\s*$/.test(lines[i] ?? '')) continue;
    const end = lines.findIndex((line, j) => j > i && /^\s*```\s*$/.test(line));
    assert.ok(end > i, `docs/module-spec.md:${String(i + 1)}: a yaml block that does not end`);
    const previous =
      lines
        .slice(0, i)
        .reverse()
        .find((line) => line.trim() !== '') ?? '';
    found.push({ line: i + 1, yaml: lines.slice(i + 1, end).join('\n'), marker: markerOf(previous) });
    i = end;
  }
  return found;
}

/** `<!-- excerpt: a=b c="d e" complete -->` → {a: 'b', c: 'd e', complete: ''}. */
function markerOf(line: string): Record<string, string> | undefined {
  const body = /^\s*<!--\s*excerpt:(.*)-->\s*$/.exec(line)?.[1];
  if (body === undefined) return undefined;
  const marker: Record<string, string> = {};
  for (const [, key, quoted, bare] of body.matchAll(/([a-z]+)(?:=(?:"([^"]*)"|(\S+)))?/g))
    marker[key ?? ''] = quoted ?? bare ?? '';
  return marker;
}

type Doc = Record<string, unknown>;
const isMapping = (value: unknown): value is Doc =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function baseSpec(marker: Record<string, string>): Doc {
  const base = marker['base'] ?? 'minimal';
  if (base === 'minimal')
    return {
      spec_version: 1,
      odoo: marker['odoo'] ?? '18.0',
      module: { name: 'doc_excerpt', title: 'Doc Excerpt', depends: ['mail'] },
    };
  const spec = parse(readFileSync(new URL(`../../${base}`, import.meta.url), 'utf8'), {
    version: '1.2',
  }) as Doc;
  if (marker['odoo'] !== undefined) spec['odoo'] = marker['odoo'];
  return spec;
}

/** `value` merged into `into` (changed in place): mappings key by key, models by name. */
function merge(into: Doc, value: Doc, path: string): void {
  for (const [key, child] of Object.entries(value)) {
    const here = path === '' ? key : `${path}.${key}`;
    const current = into[key];
    if (key === 'models' && Array.isArray(child) && path === '') {
      mergeModels(into, child as Doc[]);
    } else if (isMapping(current) && isMapping(child) && !path.endsWith('fields')) {
      merge(current, child, here);
    } else {
      into[key] = child;
    }
  }
}

function mergeModels(into: Doc, models: Doc[]): void {
  const current = (into['models'] ??= []) as Doc[];
  for (const model of models) {
    const same = current.find((each) => each['name'] === model['name']);
    if (same) merge(same, model, `models[${String(model['name'])}]`);
    else current.push(model);
  }
}

/** The spec an excerpt stands for: its base with the excerpt spliced in at `at`. */
function splice(excerpt: Excerpt): Doc {
  const marker = excerpt.marker ?? {};
  const value = parse(excerpt.yaml, { version: '1.2' }) as unknown;
  if ('complete' in marker) {
    assert.ok(isMapping(value), 'a complete spec is a mapping');
    return value;
  }
  const spec = baseSpec(marker);
  const at = marker['at'] ?? '';
  if (at === '') {
    assert.ok(isMapping(value), 'an excerpt without at= holds top-level keys');
    merge(spec, value, '');
    return spec;
  }
  if (at === 'models') {
    assert.ok(Array.isArray(value), 'an excerpt at=models is a list of models');
    mergeModels(spec, value as Doc[]);
    return spec;
  }
  const match = /^models\[([a-z0-9_.]+)\](?:\.([a-z_.]+))?$/.exec(at);
  assert.ok(match, `at=${at}: expected models, models[<name>] or models[<name>].<key>`);
  const model = ((spec['models'] ?? []) as Doc[]).find((each) => each['name'] === match[1]);
  assert.ok(model, `at=${at}: the base has no model ${match[1] ?? ''}`);
  let target: Doc = model;
  for (const key of (match[2] ?? '').split('.').filter(Boolean)) {
    const next = (target[key] ??= {});
    assert.ok(isMapping(next), `at=${at}: ${key} is not a mapping in the base`);
    target = next;
  }
  assert.ok(isMapping(value), `an excerpt at=${at} holds keys of it`);
  merge(target, value, match[2] ?? '');
  return spec;
}

const excerpts = excerptsOf(doc);

describe('docs/module-spec.md: every yaml excerpt is checked by the validator', () => {
  it('has excerpts, each with a marker comment saying what it is', () => {
    assert.ok(excerpts.length >= 20, `only ${String(excerpts.length)} yaml excerpts`);
    const unmarked = excerpts
      .filter((excerpt) => excerpt.marker === undefined)
      .map((excerpt) => excerpt.line);
    assert.deepEqual(unmarked, [], 'put <!-- excerpt: … --> on the line before these ```yaml lines');
  });

  for (const excerpt of excerpts) {
    const marker = excerpt.marker ?? {};
    const refused = marker['refused'];
    const title = `line ${String(excerpt.line)} (${Object.entries(marker)
      .map(([key, value]) => (value === '' ? key : `${key}=${value}`))
      .join(' ')})`;
    it(`${title}: ${refused === undefined ? 'valid' : 'refused as the doc says'}`, () => {
      if (!('complete' in marker) && marker['base'] !== undefined && marker['base'] !== 'minimal') {
        const base = parseSpec(stringify(baseSpec(marker)));
        assert.ok(base.ok, `the base ${marker['base']} must be valid on its own`);
      }
      const result = parseSpec(stringify(splice(excerpt)));
      const errors = result.ok ? [] : result.errors.map((error) => `${error.path}: ${error.message}`);
      if (refused === undefined) {
        assert.deepEqual(errors, [], `docs/module-spec.md:${String(excerpt.line)} is not a valid excerpt`);
      } else {
        assert.ok(
          errors.some((error) => error.includes(refused)),
          `docs/module-spec.md:${String(excerpt.line)} should be refused with "${refused}", got: ${errors.join(' | ') || 'valid'}`,
        );
      }
    });
  }

  it('shows every ModuleSpec 1.1 key in a valid excerpt', () => {
    const shown = new Set<string>();
    for (const excerpt of excerpts.filter((each) => each.marker?.['refused'] === undefined))
      for (const key of MODULE_SPEC_1_1_KEYS) {
        const last = key.split('.').at(-1) ?? key;
        if (new RegExp(`(^|[\\s{,])${last}:`, 'm').test(excerpt.yaml)) shown.add(key);
      }
    assert.deepEqual(
      MODULE_SPEC_1_1_KEYS.filter((key) => !shown.has(key)),
      [],
    );
  });
});

/** The request kinds of ModuleSpec 1.1 as the issue form names them to a user (issue 12). */
const REQUEST_KINDS = [
  'Numbering',
  'Computed values',
  'Rules',
  'Stages',
  'Scheduled jobs',
  'Mails',
  'Wizards',
  'Reports',
  'Views',
  'Multi-company',
  'Settings',
  'Default data',
];

describe('the guidance of a module request names every ModuleSpec 1.1 request kind', () => {
  const form = parse(
    readFileSync(new URL('../../templates/ISSUE_TEMPLATE/module-request.yml', import.meta.url), 'utf8'),
  ) as {
    body: { type: string; id?: string; attributes: { value?: string; description?: string } }[];
  };

  it('the issue form shows each kind with an example request, and its description field names them', () => {
    const guidance = form.body
      .filter((block) => block.type === 'markdown')
      .map((block) => block.attributes.value ?? '');
    for (const kind of REQUEST_KINDS)
      assert.ok(
        guidance.some((text) => new RegExp(`^- \\*\\*${kind}\\*\\*: \\S`, 'm').test(text)),
        `the form's guidance has no line "- **${kind}**: <an example>"`,
      );
    const description = form.body.find((block) => block.id === 'description')?.attributes.description ?? '';
    for (const kind of REQUEST_KINDS)
      assert.ok(
        description.toLowerCase().includes(kind.toLowerCase()),
        `"What should the module do?" does not name ${kind}`,
      );
  });

  it("the LLM's system prompt names every ModuleSpec 1.1 key", () => {
    const missing = MODULE_SPEC_1_1_KEYS.filter((key) => {
      const last = key.split('.').at(-1) ?? key;
      return !new RegExp(`\\b${last.replace(/[[\]{}]/g, '')}\\b`).test(SPEC_SYSTEM_PROMPT);
    });
    assert.deepEqual(missing, []);
  });
});
