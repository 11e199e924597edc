import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  modelTable,
  pyClassName,
  pyStr,
  pyValue,
  slugIdentifier,
  type PyValue,
} from '../../core/generator/python-literal.js';
import { checkPythonBatch } from './support/python-batch.js';

const TRICKY = [
  '',
  'plain',
  'it\'s "quoted"',
  'back\\slash \\n not a newline',
  'line\nbreak\r\nand\ttab',
  '\u0000 nul and \u0007 bell and \u001b escape',
  'Ünïcödé – ✓ 名前 😀',
  '\u2028 line separator \u2029 paragraph separator \u0085 next line',
  '\ud800 lone high, \udfff lone low',
  '""" triple """',
  "''' triple '''",
  '%(record)s {x} $y',
];

describe('python-literal: Python source literals', () => {
  it('writes strings that a real Python reads back to the same text (ast.literal_eval)', async () => {
    const random = fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), { seed: 7, numRuns: 300 });
    const texts = [...TRICKY, ...random];
    const results = await checkPythonBatch(
      texts.map((text, i) => ({ path: `#${i}`, source: pyStr(text), kind: 'literal' })),
    );
    const wrong = results
      .filter((result, i) => result.error !== undefined || result.value !== texts[i])
      .map((result) => `${result.path}: ${result.error ?? JSON.stringify(result.value)}`);
    assert.deepEqual(wrong, []);
  });

  it('writes double-quoted strings, as black does', () => {
    assert.equal(pyStr('a'), '"a"');
    assert.equal(pyStr('it\'s "x"'), '"it\'s \\"x\\""');
  });

  it('writes values a real Python reads back equal: None, True/False, ints, floats, lists, dicts', async () => {
    const values: PyValue[] = [
      null,
      true,
      false,
      0,
      -7,
      2147483647,
      1.5,
      -2.25,
      1e-7,
      1e21,
      'text',
      [],
      [1, 'a', null, [true]],
      {},
      { a: 1, 'key "quoted"': [1.5, { nested: false }] },
    ];
    const results = await checkPythonBatch(
      values.map((value, i) => ({ path: `#${i}`, source: pyValue(value), kind: 'literal' })),
    );
    results.forEach((result, i) => {
      assert.equal(result.error, undefined, `${pyValue(values[i] ?? null)}: ${result.error}`);
      assert.deepEqual(result.value, values[i]);
    });
  });

  it('spells Python constants and keeps a decimal point on floats', () => {
    assert.equal(pyValue(null), 'None');
    assert.equal(pyValue(true), 'True');
    assert.equal(pyValue(false), 'False');
    assert.equal(pyValue(3), '3');
    assert.equal(pyValue(1.5), '1.5');
    assert.equal(pyValue(1e-7), '1e-7');
    assert.equal(pyValue([1, [2]]), '[1, [2]]');
    assert.equal(pyValue({ a: [true, null] }), '{"a": [True, None]}');
  });

  it('derives class names and table names from model names', () => {
    assert.equal(pyClassName('library.book'), 'LibraryBook');
    assert.equal(pyClassName('helpdesk.time.line'), 'HelpdeskTimeLine');
    assert.equal(pyClassName('res.partner'), 'ResPartner');
    assert.equal(pyClassName('forge_demo.item_line'), 'ForgeDemoItemLine');
    assert.equal(pyClassName('forge.1item'), 'Forge1item');
    assert.equal(modelTable('helpdesk.time.line'), 'helpdesk_time_line');
    assert.equal(modelTable('res.partner'), 'res_partner');
  });

  it('makes Python identifiers out of free text (test names), never empty', () => {
    assert.equal(slugIdentifier('A new book is a draft'), 'a_new_book_is_a_draft');
    assert.equal(slugIdentifier('  --Ünïcödé: "it\'s" 50% OK!  '), 'unicode_it_s_50_ok');
    assert.equal(slugIdentifier('名前 😀'), 'case');
    assert.equal(slugIdentifier(''), 'case');
    const long = slugIdentifier('word '.repeat(40));
    assert.ok(long.length <= 60 && !long.endsWith('_'), long);
    assert.equal(slugIdentifier('abc def', 5), 'abc_d');
    assert.equal(slugIdentifier('abc def', 4), 'abc', 'no trailing underscore after cutting');
    for (const text of fc.sample(fc.string({ unit: 'binary', maxLength: 80 }), { seed: 3, numRuns: 200 })) {
      assert.match(slugIdentifier(text), /^[a-z0-9][a-z0-9_]*$/, JSON.stringify(text));
    }
  });
});
