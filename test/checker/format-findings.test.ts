import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGithub, formatJson, formatText } from '../../core/checker/format-findings.js';
import type { Finding } from '../../core/findings/finding.js';

const findings: Finding[] = [
  {
    file: 'a,b/x:y.xml',
    line: 3,
    column: 7,
    severity: 'error',
    rule: 'xml-unknown-ref',
    message: '50% done\nnext: line',
  },
  { file: 'a,b/x:y.xml', line: 9, severity: 'warning', rule: 'view-unknown-group', message: 'group g' },
  {
    file: 'm/__manifest__.py',
    line: 0,
    severity: 'info',
    rule: 'manifest-missing-key',
    message: 'no version',
  },
];

test('json prints the findings as an array of {file, line, column, severity, rule, message}', () => {
  const parsed = JSON.parse(formatJson(findings)) as Record<string, unknown>[];
  assert.equal(parsed.length, 3);
  assert.deepEqual(Object.keys(parsed[0] ?? {}), ['file', 'line', 'column', 'severity', 'rule', 'message']);
  assert.deepEqual(parsed[0], {
    file: 'a,b/x:y.xml',
    line: 3,
    column: 7,
    severity: 'error',
    rule: 'xml-unknown-ref',
    message: '50% done\nnext: line',
  });
});

test('github prints one escaped workflow command per finding', () => {
  const lines = formatGithub(findings).trimEnd().split('\n');
  assert.equal(lines.length, 3, 'a message with a newline stays on one line');
  assert.equal(
    lines[0],
    '::error file=a%2Cb/x%3Ay.xml,line=3,col=7,title=xml-unknown-ref::50%25 done%0Anext: line',
  );
  assert.equal(lines[1], '::warning file=a%2Cb/x%3Ay.xml,line=9,title=view-unknown-group::group g');
  assert.equal(
    lines[2],
    '::notice file=m/__manifest__.py,title=manifest-missing-key::no version',
    'line 0 means the whole file',
  );
});

test('text groups findings under their file and colours only when asked', () => {
  const plain = formatText(findings, { color: false, addonCount: 2 });
  assert.equal(plain.includes('\u001b['), false);
  const lines = plain.split('\n');
  assert.equal(lines[0], 'a,b/x:y.xml');
  assert.match(lines[1] ?? '', /^ {2}3:7 +error +50% done/);
  assert.match(plain, /2 addons checked: 1 error\(s\), 1 warning\(s\), 1 info/);
  assert.equal(plain.match(/^a,b\/x:y\.xml$/gm)?.length, 1, 'each file heads its group once');
  const coloured = formatText(findings, { color: true });
  assert.ok(coloured.includes('\u001b[31merror'), 'errors are red on a terminal');
});
