import { isScalar, parseDocument } from 'yaml';
import { moduleRequestLabels, type ModuleRequestForm } from '../../core/issue-form/parse-issue-form.js';
import type { OverriddenValue } from '../../core/spec/module-spec.js';
import type { SpecOverrides } from '../../core/spec/spec-overrides.js';

/**
 * The form's "Odoo version" and "Technical name" win over a pasted spec's `odoo` and
 * `module.name` (as `odoo-forge request` does): the values to pass to `parseSpec` as `overrides`.
 */
export function formOverrides(form: ModuleRequestForm): SpecOverrides {
  const odoo = form.odooVersion?.trim();
  const moduleName = form.technicalName?.trim();
  return {
    ...(odoo ? { odoo } : {}),
    ...(moduleName ? { moduleName } : {}),
  };
}

const FORM_LABELS: Readonly<Record<string, string>> = {
  odoo: moduleRequestLabels.odooVersion,
  'module.name': moduleRequestLabels.technicalName,
};

/** One line per replaced value: which field, what the spec said, what the form says, who wins. */
export function overrideLines(overridden: readonly OverriddenValue[]): string[] {
  return overridden.map((each) => {
    const said =
      each.spec === undefined
        ? `the spec has no \`${each.path}\``
        : `the spec says \`${each.path}: ${JSON.stringify(each.spec)}\``;
    const label = FORM_LABELS[each.path] ?? each.path;
    return `- ⚠️ The form's “${label}” is \`${each.value}\` but ${said}: the form wins, the spec below uses \`${each.path}: ${JSON.stringify(each.value)}\`.`;
  });
}

/**
 * The YAML with each replaced value written in, so the posted spec (which `/approve` and
 * `/revise` read back) says what was validated. Existing values are replaced in place, keeping
 * comments and layout; a missing key is added. YAML that does not parse is returned as is.
 */
export function yamlWithOverrides(yaml: string, overridden: readonly OverriddenValue[]): string {
  if (overridden.length === 0) return yaml;
  const doc = parseDocument(yaml, { version: '1.2' });
  if (doc.errors.length > 0) return yaml;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const each of overridden) {
    const node = doc.getIn(each.path.split('.'), true);
    if (isScalar(node) && node.range)
      edits.push({ start: node.range[0], end: node.range[1], text: JSON.stringify(each.value) });
  }
  if (edits.length < overridden.length) {
    for (const each of overridden) doc.setIn(each.path.split('.'), each.value);
    return doc.toString();
  }
  let text = yaml;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}
