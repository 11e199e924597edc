import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { annotationBatches, findingAnnotation, trimToLimit } from '../../actions/shared/check-run-output.js';

describe('check run output limits (actions/shared)', () => {
  it('keeps text within the limit as is, and cuts longer text at a line break with a note of what was cut', () => {
    assert.equal(trimToLimit('short\ntext\n', 100), 'short\ntext\n');
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n');
    const cut = trimToLimit(lines, 65_535);
    assert.ok(cut.length <= 65_535, `${cut.length} characters`);
    const kept = cut.slice(0, cut.indexOf('\n\n… '));
    assert.ok(lines.startsWith(kept) && lines[kept.length] === '\n', 'cut at a line break');
    const note =
      /… (\d+) more characters cut here \(GitHub keeps 65535\); the rest is in the job summary/.exec(cut);
    assert.equal(Number(note?.[1]), lines.length - kept.length);
  });

  it('splits annotations in batches of at most 50 and drops none', () => {
    const annotations = Array.from({ length: 123 }, (_, i) =>
      findingAnnotation({ file: `a/f${i}.py`, line: i, severity: 'warning', rule: 'r', message: `m${i}` }),
    );
    const batches = annotationBatches(annotations);
    assert.deepEqual(
      batches.map((b) => b.length),
      [50, 50, 23],
    );
    assert.deepEqual(batches.flat(), annotations);
    assert.deepEqual(annotationBatches([]), []);
  });

  it('puts a whole-file finding on line 1, maps severities to levels, and keeps columns on one line only', () => {
    assert.deepEqual(
      findingAnnotation({ file: 'a/x.xml', line: 0, column: 3, severity: 'error', rule: 'r', message: 'm' }),
      {
        path: 'a/x.xml',
        start_line: 1,
        end_line: 1,
        annotation_level: 'failure',
        message: 'm',
        title: 'r',
      },
    );
    const withColumn = findingAnnotation({
      file: 'a/x.py',
      line: 7,
      column: 5,
      severity: 'info',
      rule: 'r',
      message: 'm',
    });
    assert.equal(withColumn.annotation_level, 'notice');
    assert.deepEqual([withColumn.start_line, withColumn.end_line, withColumn.start_column], [7, 7, 5]);
    const huge = findingAnnotation({
      file: 'a',
      line: 1,
      severity: 'error',
      rule: 'r'.repeat(300),
      message: 'é'.repeat(40_000),
    });
    assert.ok(Buffer.byteLength(huge.message) <= 64 * 1024);
    assert.equal(huge.title?.length, 255);
  });
});
