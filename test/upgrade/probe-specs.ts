import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../../core/generator/generate.js';
import type { ModuleSpec } from '../../core/spec/module-spec.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { retargetSource } from '../support/example-specs.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A fixture spec (`probe-renamed-v1`), its `odoo:` line set to `series`; fails the test when it does not parse. */
export function probeSpec(name: string, series = '18.0'): ModuleSpec {
  const parsed = parseSpec(retargetSource(readFileSync(join(fixtures, `${name}.yaml`), 'utf8'), series));
  assert.ok(
    parsed.ok,
    `test/upgrade/fixtures/${name}.yaml: ${parsed.ok ? '' : JSON.stringify(parsed.errors)}`,
  );
  return parsed.spec;
}

/** Generates each spec into `<dir>/<module>/`. */
export function writeAddons(dir: string, specs: readonly ModuleSpec[]): void {
  for (const spec of specs) {
    for (const [path, body] of generate(spec)) {
      const file = join(dir, spec.module.name, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, body);
    }
  }
}

/**
 * The moved probe as a second module that renames its model WITHOUT saying so: module
 * forge_probe_dropped, model forge.probe.gone (v1) → forge.probe.fresh (v2), no renamed_from.
 */
export function droppedProbe(version: 'v1' | 'v2', series = '18.0'): ModuleSpec {
  const spec = probeSpec(`probe-moved-${version}`, series);
  const text = JSON.stringify(spec)
    .replace(/forge_probe_moved/g, 'forge_probe_dropped')
    .replace(/forge\.probe\.item/g, 'forge.probe.gone')
    .replace(/forge\.probe\.thing/g, 'forge.probe.fresh');
  const dropped = JSON.parse(text) as ModuleSpec;
  for (const model of dropped.models ?? []) delete model.renamed_from;
  return dropped;
}
