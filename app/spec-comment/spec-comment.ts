import type { ModuleSpec } from '../../core/spec/module-spec.js';
import type { OverriddenValue } from '../../core/spec/module-spec.js';
import { modelTitle } from '../../core/spec/model-title.js';
import { overrideLines } from './form-overrides.js';

const MARKER = /<!--\s*odoo-forge:spec v=(\d+)\s*-->/;

/** A spec comment found on an issue. */
export interface SpecComment {
  id: number;
  version: number;
  body: string;
  url: string;
}

/** Where a spec version came from, for the first line of its comment. */
export type SpecOrigin =
  /** `overridden`: the spec's values the form's "Odoo version" / "Technical name" replaced. */
  | { kind: 'form'; overridden?: readonly OverriddenValue[] }
  | { kind: 'llm'; model: string }
  | { kind: 'revise'; by: string; model: string };

export function specMarker(version: number): string {
  return `<!-- odoo-forge:spec v=${version} -->`;
}

/** The version a comment body carries in its marker, if it is a spec comment. */
export function specVersionOf(body: string): number | undefined {
  const match = MARKER.exec(body);
  return match?.[1] ? Number(match[1]) : undefined;
}

/** The YAML of a spec comment: the first ```yaml block after the marker. */
export function specYamlOf(body: string): string | undefined {
  const start = body.search(MARKER);
  if (start < 0) return undefined;
  const match = /^```ya?ml[^\n]*\n([\s\S]*?)^```\s*$/m.exec(body.slice(start).replace(/\r\n?/g, '\n'));
  return match?.[1];
}

/** A few lines that say what the spec builds: models, fields, menus, groups. */
export function summarizeSpec(spec: ModuleSpec): string[] {
  const models = (spec.models ?? []).map(
    (m) => `\`${m.name}\` (${modelTitle(m)}, ${Object.keys(m.fields).length} fields)`,
  );
  const extensions = (spec.extend ?? []).map(
    (e) => `\`${e.model}\` (+${Object.keys(e.fields).length} fields)`,
  );
  const menus = spec.menus
    ? `${spec.menus.root} → ${spec.menus.items.map((i) => i.label).join(', ')}`
    : undefined;
  const groups = Object.values(spec.security?.groups ?? {}).map((g) => g.name);
  return [
    `- **Models**: ${models.length > 0 ? models.join(', ') : 'none'}`,
    ...(extensions.length > 0 ? [`- **Extends**: ${extensions.join(', ')}`] : []),
    `- **Menus**: ${menus ?? 'none'}`,
    `- **Groups**: ${groups.length > 0 ? groups.join(', ') : 'none (access for base.group_user)'}`,
  ];
}

function originLine(origin: SpecOrigin): string {
  switch (origin.kind) {
    case 'form':
      return ['Taken from the YAML in the issue form.', ...overrideLines(origin.overridden ?? [])].join('\n');
    case 'llm':
      return `Drafted by \`${origin.model}\` from the issue text: read it carefully before approving.`;
    case 'revise':
      return `Revised by \`${origin.model}\` on @${origin.by}'s request: read it carefully before approving.`;
  }
}

/** The body of spec comment number `version`. */
export function renderSpecComment(
  version: number,
  spec: ModuleSpec,
  yaml: string,
  origin: SpecOrigin,
): string {
  return [
    specMarker(version),
    `### Module spec v${version}: \`${spec.module.name}\` (Odoo ${spec.odoo})`,
    '',
    `${spec.module.title}${spec.module.summary ? ` — ${spec.module.summary}` : ''}`,
    '',
    ...summarizeSpec(spec),
    '',
    originLine(origin),
    '',
    '```yaml',
    yaml.trimEnd(),
    '```',
    '',
    '<sub>Comment `/revise <what to change>`, edit the YAML above (maintainers), or comment `/approve` to open the pull request. `/help` lists every command.</sub>',
  ].join('\n');
}
