import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSpec } from '../../core/spec/parse-spec.js';
import type { ModuleSpec } from '../../core/spec/module-spec.js';

/** The folder of the example specs (`examples/` at the repository root). */
export const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

/** The example spec files (`*.yaml`, `*.yml`), sorted. */
export function exampleFiles(): string[] {
  return readdirSync(examplesDir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort();
}

/** An example spec as written for one series, and whether its `odoo:` had to be rewritten. */
export interface ExampleSpec {
  spec: ModuleSpec;
  /** The series the file itself targets. */
  writtenFor: string;
  retargeted: boolean;
}

/**
 * The example `file` targeting `series`: its text with the `odoo:` line rewritten, parsed and
 * validated as a user's spec of that series would be (the generator must adapt any spec to any
 * series). Fails the test when either version does not parse.
 */
export function exampleSpecFor(file: string, series: string): ExampleSpec {
  const source = readFileSync(join(examplesDir, file), 'utf8');
  const parsed = parseSpec(source);
  assert.ok(
    parsed.ok,
    `examples/${file} does not parse: ${parsed.ok ? '' : JSON.stringify(parsed.errors, null, 2)}`,
  );
  if (parsed.spec.odoo === series) return { spec: parsed.spec, writtenFor: series, retargeted: false };
  const retargeted = parseSpec(retargetSource(source, series));
  assert.ok(
    retargeted.ok,
    `examples/${file} retargeted from Odoo ${parsed.spec.odoo} to ${series} does not parse: ` +
      (retargeted.ok ? '' : JSON.stringify(retargeted.errors, null, 2)),
  );
  assert.equal(retargeted.spec.odoo, series, `the odoo: line of examples/${file} was rewritten`);
  return { spec: retargeted.spec, writtenFor: parsed.spec.odoo, retargeted: true };
}

/** A spec's text with its top-level `odoo:` line set to `series` (comments after it dropped). */
export function retargetSource(source: string, series: string): string {
  assert.match(source, /^odoo:.*$/m, 'the spec has a top-level odoo: line');
  return source.replace(/^odoo:.*$/m, `odoo: "${series}"`);
}
