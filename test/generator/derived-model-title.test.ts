import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeSpec } from '../../app/spec-comment/spec-comment.js';
import { generate } from '../../core/generator/generate.js';
import { titleFromModelName } from '../../core/spec/model-title.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { library, libraryYaml } from '../spec/spec-helpers.js';

/** The library example with the title of every model removed. */
function withoutTitles(): string {
  return libraryYaml((spec) => {
    for (const model of spec.models) delete model['title'];
  });
}

describe('a model without title', () => {
  it('is valid, and validate says nothing about the title', () => {
    const result = parseSpec(withoutTitles());
    assert.deepEqual(result.ok ? [] : result.errors, []);
  });

  it('gets the _description Odoo users would write: library.book → "Library Book"', () => {
    const result = parseSpec(withoutTitles());
    assert.ok(result.ok);
    const files = generate(result.spec);
    const python = [...files]
      .filter(([path]) => path.endsWith('.py'))
      .map(([, text]) => text)
      .join('\n');
    for (const model of library().models) {
      const expected = titleFromModelName(model.name);
      assert.match(
        python,
        new RegExp(`_name = "${model.name.replace('.', '\\.')}"\\n\\s+_description = "${expected}"`),
      );
    }
    assert.ok(python.includes('_description = "Library Book"'), python);
  });

  it('shows the derived title in the spec summary comment', () => {
    const result = parseSpec(withoutTitles());
    assert.ok(result.ok);
    const summary = summarizeSpec(result.spec).join('\n');
    assert.match(summary, /`library\.book` \(Library Book, \d+ fields\)/);
  });

  it('keeps a written title as the description, in the code and the summary', () => {
    const result = parseSpec(libraryYaml(() => undefined));
    assert.ok(result.ok);
    const title = library().models[0]?.['title'];
    assert.equal(typeof title, 'string');
    const python = [...generate(result.spec).values()].join('\n');
    assert.ok(python.includes(`_description = "${String(title)}"`));
    assert.ok(
      summarizeSpec(result.spec)
        .join('\n')
        .includes(`(${String(title)},`),
    );
  });

  it('derives words from dots and underscores alike', () => {
    assert.equal(titleFromModelName('library.book'), 'Library Book');
    assert.equal(titleFromModelName('library.book_loan'), 'Library Book Loan');
    assert.equal(titleFromModelName('x_crm.stage2.line'), 'X Crm Stage2 Line');
  });
});
