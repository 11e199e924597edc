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
  /** The line of the issue body holding the first line of `specYaml` (add it to YAML error lines, minus 1). */
  specYamlLine?: number;
}

const NO_RESPONSE = '_No response_';

/**
 * Splits the Markdown GitHub renders from an issue form into its sections: heading label →
 * answer (trimmed; `undefined` for `_No response_` or an empty answer). Headings inside fenced
 * code blocks are part of the answer, not new sections.
 */
export function parseIssueFormSections(markdown: string): Map<string, string | undefined> {
  return new Map([...locateIssueFormSections(markdown)].map(([label, section]) => [label, section.answer]));
}

/** A section's answer and the 1-based line of the issue body where the answer's text starts. */
export interface FormSection {
  answer: string | undefined;
  line: number;
}

/** Like `parseIssueFormSections`, with the line where each answer starts (for error messages). */
export function locateIssueFormSections(markdown: string): Map<string, FormSection> {
  const sections = new Map<string, FormSection>();
  let label: string | undefined;
  let lines: string[] = [];
  let start = 0;
  let fence: string | undefined;
  const flush = (): void => {
    if (label === undefined) return;
    const leading = lines.findIndex((l) => l.trim() !== '');
    const answer = lines.join('\n').trim();
    sections.set(label, {
      answer: answer === '' || answer === NO_RESPONSE ? undefined : answer,
      line: start + Math.max(leading, 0),
    });
  };
  const all = markdown.replace(/\r\n?/g, '\n').split('\n');
  for (const [index, line] of all.entries()) {
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
      start = index + 2;
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
  const located = locateIssueFormSections(markdown);
  const labels = Object.values(moduleRequestLabels);
  if (!labels.some((label) => located.has(label))) return undefined;
  const section = located.get(moduleRequestLabels.specYaml);
  const yaml = section?.answer;
  const unfenced = yaml === undefined ? undefined : unfence(yaml);
  const specYaml = unfenced === undefined || unfenced.trim() === '' ? undefined : `${unfenced.trim()}\n`;
  const fenced = unfenced !== undefined && unfenced !== yaml ? 1 : 0;
  const blankLead =
    unfenced === undefined ? 0 : (/^(?:[ \t]*\n)*/.exec(unfenced)?.[0].split('\n').length ?? 1) - 1;
  return {
    description: located.get(moduleRequestLabels.description)?.answer,
    odooVersion: located.get(moduleRequestLabels.odooVersion)?.answer,
    technicalName: located.get(moduleRequestLabels.technicalName)?.answer,
    specYaml,
    ...(specYaml !== undefined && section ? { specYamlLine: section.line + fenced + blankLead } : {}),
  };
}
