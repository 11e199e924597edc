import type { AddonInput } from './addon-input.js';
import type { FindingSink, ModuleSummary } from './module-summary.js';

/**
 * `test-ref-demo`: a test (a Python file under `tests/`) takes `env.ref('module.id')` of a record
 * that only a demo file of that module defines. Odoo Forge runs tests without demo data, so the
 * record does not exist there and the run fails ("External ID not found"). Judged when the module
 * is the addon itself or a dependency whose files were read (an addons path); an id also made
 * in Python, or defined nowhere (another rule's business), is left alone.
 */
export function checkTestRefs(
  addon: AddonInput,
  own: ModuleSummary,
  deps: Map<string, ModuleSummary>,
  sink: FindingSink,
): void {
  for (const [file, facts] of addon.python) {
    if (!/(^|\/)tests\//.test(file)) continue;
    for (const ref of facts.refs ?? []) {
      const module = ref.id.slice(0, ref.id.indexOf('.'));
      const summary = module === addon.name ? own : deps.get(module);
      const definitions = summary?.xmlIds.get(ref.id);
      if (!summary || !definitions?.length || summary.pythonXmlIds.has(ref.id)) continue;
      if (!definitions.every((definition) => definition.demo)) continue;
      const where = definitions[0]?.file;
      sink({
        file,
        line: ref.line,
        column: ref.column,
        severity: 'error',
        rule: 'test-ref-demo',
        message:
          `test uses ${ref.id}, a demo record (defined in ${module}'s demo file ${where ?? '?'}): ` +
          'tests run without demo data, where it does not exist ("External ID not found"); use a data record or create the record in the test',
      });
    }
  }
}
