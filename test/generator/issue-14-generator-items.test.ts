import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { displayWidth } from '../../core/generator/display-width.js';
import { generate } from '../../core/generator/generate.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { LIBRARY_YAML } from '../spec/spec-helpers.js';

type Doc = { module: Record<string, unknown>; models: { fields: Record<string, Record<string, unknown>> }[] };

/** examples/library.yaml changed by `edit`, validated and generated. */
function library(edit: (doc: Doc) => void): Map<string, string> {
  const doc = parse(LIBRARY_YAML) as Doc;
  edit(doc);
  const parsed = parseSpec(stringify(doc));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return generate(parsed.spec);
}

describe('issue 14 (6): a related selection field', () => {
  it('needs no options and is generated without selection= beside related=', () => {
    const files = library((doc) => {
      const loan = doc.models[1];
      assert.ok(loan);
      loan.fields['book_state'] = { type: 'selection', related: 'book_id.state', string: 'Book Status' };
    });
    const python = files.get('models/library_loan.py') ?? '';
    const line = python.split('\n').find((text) => text.includes('book_state = '));
    assert.ok(line, python);
    assert.match(line, /related="book_id\.state"/);
    assert.doesNotMatch(python.slice(python.indexOf('book_state = ')).split(')')[0] ?? '', /selection=/);
  });

  it('still refuses options that differ from the related field', () => {
    const doc = parse(LIBRARY_YAML) as Doc;
    doc.models[1]!.fields['book_state'] = {
      type: 'selection',
      related: 'book_id.state',
      options: { x: 'X' },
    };
    const parsed = parseSpec(stringify(doc));
    assert.equal(parsed.ok, false);
    assert.ok(
      !parsed.ok &&
        parsed.errors.some(
          (e) => e.path === 'models[1].fields.book_state.related' && /same options/.test(e.message),
        ),
    );
  });
});

/** docutils' own measure, from the Python that runs the README checks. */
function docutilsWidths(texts: string[]): number[] {
  const script =
    'import json,sys\nfrom docutils.utils import column_width\nprint(json.dumps([column_width(t) for t in json.load(sys.stdin)]))';
  const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as number[];
}

/** The system messages (warnings and worse) docutils gives for each RST text, in one Python. */
function docutilsWarnings(rsts: string[]): string[][] {
  const script = [
    'import io, json, sys',
    'from docutils.core import publish_doctree',
    'out = []',
    'for text in json.load(sys.stdin):',
    '    err = io.StringIO()',
    "    publish_doctree(text, settings_overrides={'warning_stream': err, 'report_level': 2, 'halt_level': 5})",
    '    out.append([line for line in err.getvalue().splitlines() if line.strip()])',
    'print(json.dumps(out))',
  ].join('\n');
  const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(rsts), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as string[][];
}

describe('issue 14 (small): README.rst titles by display width', () => {
  const titles = [
    '图书馆借阅',
    '図書館 Library',
    '도서관 대출',
    'Café crème',
    'Ａｂｃ full width',
    'Bücher 📚',
  ];

  it('measures text as docutils does (CJK and full width = 2 columns, combining marks = 0)', () => {
    const combining = 'Cafe\u0301 cre\u0300me';
    assert.deepEqual(
      [...titles, combining].map((title) => displayWidth(title)),
      docutilsWidths([...titles, combining]),
    );
  });

  it('gives a CJK title an overline and underline docutils accepts', () => {
    const readmes = titles.map(
      (title) => library((doc) => (doc.module['title'] = title)).get('README.rst') ?? '',
    );
    for (const [i, readme] of readmes.entries()) {
      const [over, text, under] = readme.split('\n');
      assert.equal(text, titles[i]);
      assert.equal(over?.length, Math.max(displayWidth(text ?? ''), 3));
      assert.equal(under, over);
    }
    assert.deepEqual(
      docutilsWarnings(readmes),
      titles.map(() => []),
      'docutils warns about no README',
    );
  });
});
