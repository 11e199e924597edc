/**
 * The labels of the "Module request" issue form (templates/ISSUE_TEMPLATE/module-request.yml),
 * in form order. GitHub renders each field as `### <label>` followed by the answer.
 */
export const moduleRequestLabels = {
  description: 'What should the module do?',
  odooVersion: 'Odoo version',
  technicalName: 'Technical name',
  specYaml: 'Module spec (YAML)',
} as const;

/** The answers of a module-request form; `undefined` where the field was left empty. */
export interface ModuleRequestForm {
  description: string | undefined;
  odooVersion: string | undefined;
  technicalName: string | undefined;
  specYaml: string | undefined;
}

const NO_RESPONSE = '_No response_';

/**
 * Splits the Markdown GitHub renders from an issue form into its sections: heading label →
 * answer (trimmed; `undefined` for `_No response_` or an empty answer). Headings inside fenced
 * code blocks are part of the answer, not new sections.
 */
export function parseIssueFormSections(markdown: string): Map<string, string | undefined> {
  const sections = new Map<string, string | undefined>();
  let label: string | undefined;
  let lines: string[] = [];
  let fence: string | undefined;
  const flush = (): void => {
    if (label === undefined) return;
    const answer = lines.join('\n').trim();
    sections.set(label, answer === '' || answer === NO_RESPONSE ? undefined : answer);
  };
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fenceMatch?.[1]) {
      if (fence === undefined) fence = fenceMatch[1];
      else if (fenceMatch[1].startsWith(fence) && line.trim() === fenceMatch[1]) fence = undefined;
    }
    const heading = fence === undefined ? /^###\s+(.+?)\s*#*\s*$/.exec(line) : null;
    if (heading?.[1]) {
      flush();
      label = heading[1].trim();
      lines = [];
    } else if (label !== undefined) {
      lines.push(line);
    }
  }
  flush();
  return sections;
}

/** Removes one surrounding fenced code block (```yaml … ```), if the answer is one. */
export function unfence(answer: string): string {
  const match = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n?\1\s*$/.exec(answer.trim());
  return match?.[2] !== undefined ? match[2] : answer;
}

/**
 * Reads a module-request form from an issue body. Returns `undefined` when the body is not
 * such a form (none of its headings is there).
 */
export function parseModuleRequestForm(markdown: string): ModuleRequestForm | undefined {
  const sections = parseIssueFormSections(markdown);
  const labels = Object.values(moduleRequestLabels);
  if (!labels.some((label) => sections.has(label))) return undefined;
  const yaml = sections.get(moduleRequestLabels.specYaml);
  const specYaml = yaml === undefined ? undefined : unfence(yaml).trim();
  return {
    description: sections.get(moduleRequestLabels.description),
    odooVersion: sections.get(moduleRequestLabels.odooVersion),
    technicalName: sections.get(moduleRequestLabels.technicalName),
    specYaml: specYaml === '' ? undefined : specYaml === undefined ? undefined : `${specYaml}\n`,
  };
}
