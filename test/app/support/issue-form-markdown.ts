import { readFileSync } from 'node:fs';

export const librarySpecYaml = readFileSync(
  new URL('../../../examples/library.yaml', import.meta.url),
  'utf8',
);

/** The Markdown GitHub renders for a submitted "Module request" form. */
export function issueFormMarkdown(fields: {
  description?: string;
  odoo?: string;
  technicalName?: string;
  yaml?: string;
}): string {
  const answer = (value: string | undefined): string =>
    value === undefined || value === '' ? '_No response_' : value;
  return [
    '### What should the module do?',
    '',
    answer(fields.description),
    '',
    '### Odoo version',
    '',
    answer(fields.odoo ?? '18.0'),
    '',
    '### Technical name',
    '',
    answer(fields.technicalName),
    '',
    '### Module spec (YAML)',
    '',
    fields.yaml === undefined ? '_No response_' : `\`\`\`yaml\n${fields.yaml.trimEnd()}\n\`\`\``,
  ].join('\n');
}
