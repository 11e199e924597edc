import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIssueFormSections, parseModuleRequestForm } from '../../../core/issue-form/parse-issue-form.js';
import { issueFormMarkdown, librarySpecYaml } from '../support/issue-form-markdown.js';

describe('parseModuleRequestForm', () => {
  it('reads every field of the Markdown GitHub renders, unfencing the YAML', () => {
    const markdown = issueFormMarkdown({
      description: 'Lend books.\n\nAnd track them.',
      odoo: '17.0',
      technicalName: 'library_loans',
      yaml: librarySpecYaml,
    });
    const form = parseModuleRequestForm(markdown);
    const yamlStart = markdown.split('\n').indexOf('```yaml') + 2;
    assert.deepEqual(form, {
      description: 'Lend books.\n\nAnd track them.',
      odooVersion: '17.0',
      technicalName: 'library_loans',
      specYaml: librarySpecYaml.trim() + '\n',
      specYamlLine: yamlStart,
    });
  });

  it('maps _No response_ to undefined', () => {
    const form = parseModuleRequestForm(issueFormMarkdown({ description: 'x' }));
    assert.equal(form?.technicalName, undefined);
    assert.equal(form?.specYaml, undefined);
  });

  it('keeps a ### line inside the fenced YAML as part of the answer, and handles CRLF', () => {
    const yaml = 'module:\n  description: |\n    ### not a heading\n';
    const form = parseModuleRequestForm(issueFormMarkdown({ description: 'x', yaml }).replace(/\n/g, '\r\n'));
    assert.equal(form?.specYaml, yaml);
  });

  it('returns undefined for an issue that is not the form', () => {
    assert.equal(parseModuleRequestForm('Please fix the typo.\n\n### Steps\n1. open'), undefined);
  });

  it('splits sections by ### headings', () => {
    assert.deepEqual(
      [...parseIssueFormSections('### A\n\none\n\n### B\n\n_No response_\n')],
      [
        ['A', 'one'],
        ['B', undefined],
      ],
    );
  });
});
