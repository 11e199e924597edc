import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { parse, stringify } from 'yaml';
import { generate } from '../../core/generator/generate.js';
import { parseSpec } from '../../core/spec/parse-spec.js';

// Issue 12 (random spec seed 2 index 131, 17.0): the generated unique-constraint test gave every
// non-numeric column the text 'Unique test value', and Odoo refused it on a selection
// ("ValueError: Wrong value for acme.slot.priority"); a computed column was given too.
const LIBRARY = readFileSync(fileURLToPath(new URL('../../examples/library.yaml', import.meta.url)), 'utf8');

it('a unique-constraint test gives a selection column one of its keys and leaves a computed column out', () => {
  const doc = parse(LIBRARY) as { models: { fields: Record<string, unknown>; constraints: Record<string, unknown>[] }[] };
  doc.models[0]!.fields['shelf'] = { type: 'selection', options: { top: 'Top', low: 'Low' } };
  doc.models[0]!.constraints.push({ unique: ['title', 'shelf', 'loan_count'], message: 'One title per shelf.' });
  const parsed = parseSpec(stringify(doc));
  assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
  const files = generate(parsed.spec);
  const source = files.get('tests/test_library_book.py') ?? '';
  const test = source.split('\n    def ').find((chunk) => chunk.startsWith('test_constraint_title_shelf_loan_count_unique'));
  assert.ok(test, `no unique test for title, shelf, loan_count in:\n${source}`);
  assert.doesNotMatch(test, /shelf="Unique test value"/);
  assert.match(test, /shelf="(top|low)"/);
  assert.doesNotMatch(test, /loan_count=/);
});
