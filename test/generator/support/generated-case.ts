import { stringify } from 'yaml';
import { generate } from '../../../core/generator/generate.js';
import type { ModuleSpec } from '../../../core/spec/module-spec.js';
import { parseSpec } from '../../../core/spec/parse-spec.js';
import { withStageFields } from '../../../core/spec/stage-fields.js';
import { withCompanyFields } from '../../../core/spec/company-fields.js';
import { checkPythonBatch, type PythonJob } from './python-batch.js';
import { readXml } from './read-xml.js';

/** A random spec that parseSpec accepted, with its addon and what a real Python said about it. */
export interface GeneratedCase {
  index: number;
  yaml: string;
  spec: ModuleSpec;
  files: Map<string, string>;
  /** Generating again gave other bytes. */
  nondeterministic: boolean;
  pythonErrors: string[];
  manifest: Record<string, unknown> | undefined;
  /** How many Python sources (modules, manifests, expressions) were checked. */
  pythonJobs: number;
}

/** Specs per python process. */
const BATCH = 100;

export function where(item: Pick<GeneratedCase, 'index' | 'spec'>, path: string): string {
  return `spec #${item.index} (${item.spec.odoo}, ${item.spec.module.name}) ${path}`;
}

/** The spec through YAML, parseSpec and the generator; the refusal's errors when it is refused. */
export function buildCase(random: ModuleSpec, index: number): GeneratedCase | string {
  const yaml = stringify(random);
  const parsed = parseSpec(yaml);
  if (!parsed.ok)
    return `spec #${index}: ${parsed.errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`;
  const files = generate(parsed.spec);
  const again = generate(structuredClone(parsed.spec));
  const nondeterministic = JSON.stringify([...files]) !== JSON.stringify([...again]);
  return {
    index,
    yaml,
    // The spec as the generator sees it: a stage model with the fields `stages` adds, a
    // company-bound model with its company_id.
    spec: withCompanyFields(withStageFields(parsed.spec)),
    files,
    nondeterministic,
    pythonErrors: [],
    manifest: undefined,
    pythonJobs: 0,
  };
}

/** Runs every Python source of the cases through a real python3, BATCH cases per process. */
export async function checkPython(cases: readonly GeneratedCase[]): Promise<void> {
  for (let start = 0; start < cases.length; start += BATCH) {
    const owners: GeneratedCase[] = [];
    const jobs: PythonJob[] = [];
    for (const item of cases.slice(start, start + BATCH)) {
      for (const job of pythonJobs(item)) {
        jobs.push(job);
        owners.push(item);
      }
      item.pythonJobs = 0;
    }
    const results = await checkPythonBatch(jobs);
    results.forEach((result, i) => {
      const owner = owners[i] as GeneratedCase;
      owner.pythonJobs += 1;
      if (result.error) owner.pythonErrors.push(`${result.path}: ${result.error}`);
      if (result.manifest) owner.manifest = result.manifest;
    });
  }
}

function pythonJobs(item: GeneratedCase): PythonJob[] {
  const minPython: [number, number] = item.spec.odoo === '16.0' ? [3, 7] : [3, 10];
  const jobs: PythonJob[] = [];
  for (const [path, source] of item.files) {
    if (path.endsWith('.py'))
      jobs.push({
        path: where(item, path),
        source,
        kind: path === '__manifest__.py' ? 'manifest' : 'module',
        minPython,
      });
    if (path.endsWith('.xml')) {
      let expressions: { where: string; source: string }[] = [];
      try {
        expressions = readXml(source).expressions;
      } catch {
        continue; // reported by the XML check
      }
      for (const expression of expressions)
        jobs.push({
          path: where(item, `${path} ${expression.where}: ${expression.source}`),
          source: expression.source,
          kind: 'expression',
          minPython,
        });
    }
  }
  return jobs;
}
