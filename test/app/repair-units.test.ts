import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { attemptMarker, endMarker, FIX_MARKER, historyOf } from '../../app/repair/repair-markers.js';
import { deterministicFix } from '../../core/repair/deterministic-fix.js';
import { failureHash, fingerprintOf, normalizeMessage } from '../../core/repair/fingerprint.js';
import { decideRepair, type RepairHistory } from '../../core/repair/repair-decision.js';
import { readRepairReport, type RepairFailure } from '../../core/repair/repair-failure.js';
import { trimLog } from '../../core/repair/repair-prompt.js';
import { validateEdits } from '../../core/repair/validate-edits.js';

const failure = (message: string, id = 'odoo.addons.x.tests.test_a.TestA.test_one'): RepairFailure => ({
  source: 'test',
  id,
  file: 'x/tests/test_a.py',
  message,
});

describe('the failure fingerprint', () => {
  it('ignores numbers, temp folders, container paths, hex ids and UUIDs in messages', () => {
    const a =
      'AssertionError: 0 != 1 at /tmp/forge-1a2b/odoo.log line 31, record 0x7f3a9c1d, db 3f2a9c1e-1111-4222-8333-123456789abc';
    const b =
      'AssertionError: 4 != 7 at /tmp/forge-ffee/odoo.log line 402, record 0x19bb00aa, db 0b1c2d3e-aaaa-4bbb-8ccc-abcdefabcdef';
    assert.equal(normalizeMessage(a), normalizeMessage(b));
    assert.equal(normalizeMessage('in /mnt/forge-addons/0/x/models/a.py'), 'in <path>');
    assert.equal(failureHash(failure(a)), failureHash(failure(b)));
  });

  it('tells different tests, rules, files and messages apart', () => {
    const base = failure('ValueError: bad value');
    const variants = [
      failure('KeyError: bad value'),
      failure('ValueError: bad value', 'odoo.addons.x.tests.test_a.TestA.test_two'),
      { ...base, file: 'x/tests/test_b.py' },
      { ...base, source: 'log' as const },
    ];
    for (const variant of variants) assert.notEqual(failureHash(variant), failureHash(base));
  });

  it('is the same for any order and any duplicates of the same failures', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 5 }),
        (messages, shift) => {
          const failures = messages.map((m) => failure(m));
          const rotated = [
            ...failures.slice(shift % failures.length),
            ...failures.slice(0, shift % failures.length),
            failures[0] as RepairFailure,
          ];
          assert.equal(fingerprintOf(rotated).value, fingerprintOf(failures).value);
        },
      ),
    );
  });
});

describe('the repair decision', () => {
  const fp = (...messages: string[]) => fingerprintOf(messages.map((m) => failure(m)));
  const history = (
    attempts: Array<{ fp: ReturnType<typeof fp>; runId: number }>,
    extra: Partial<RepairHistory> = {},
  ): RepairHistory => ({
    attempts: attempts.map((a, i) => ({
      attempt: i + 1,
      runId: a.runId,
      fingerprint: a.fp.value,
      failures: a.fp.failures,
    })),
    grants: 0,
    ended: undefined,
    answeredRuns: attempts.map((a) => a.runId),
    ...extra,
  });

  it('attempts while under the bound, then stops at max-attempts', () => {
    assert.deepEqual(decideRepair(history([]), 1, fp('a'), 3), {
      kind: 'attempt',
      attempt: 1,
      usesGrant: false,
    });
    const three = history([
      { fp: fp('a', 'b', 'c'), runId: 1 },
      { fp: fp('a', 'b'), runId: 2 },
      { fp: fp('a'), runId: 3 },
    ]);
    assert.equal(decideRepair(three, 4, fp('b'), 3).kind === 'stop' && 'max-attempts', 'max-attempts');
    assert.equal(
      decideRepair(history([]), 1, fp('a'), 0).kind,
      'ignore',
      'max_attempts 0 turns the loop off',
    );
  });

  it('stops on a repeated fingerprint and on a grown failure set, and a /fix grant passes both', () => {
    const one = history([{ fp: fp('a'), runId: 1 }]);
    const repeated = decideRepair(one, 2, fp('a'), 3);
    assert.equal(repeated.kind === 'stop' ? repeated.reason : repeated.kind, 'repeated');
    const grown = decideRepair(one, 2, fp('b', 'c'), 3);
    assert.equal(grown.kind === 'stop' ? grown.reason : grown.kind, 'grew');
    assert.equal(
      decideRepair(one, 2, fp('b'), 3).kind,
      'attempt',
      'another failure of the same size is progress enough',
    );
    assert.deepEqual(decideRepair({ ...one, grants: 1 }, 2, fp('a'), 3), {
      kind: 'attempt',
      attempt: 2,
      usesGrant: true,
    });
  });

  it('ignores an answered run, an ended loop and an empty failure set', () => {
    assert.equal(decideRepair(history([{ fp: fp('a'), runId: 1 }]), 1, fp('b'), 3).kind, 'ignore');
    assert.equal(decideRepair(history([], { ended: { reason: 'stopped' } }), 2, fp('b'), 3).kind, 'ignore');
    assert.equal(decideRepair(history([]), 2, fingerprintOf([]), 3).kind, 'ignore');
  });
});

describe('the repair markers', () => {
  it('read back attempts, ends and /fix grants in order', () => {
    const f = fingerprintOf([failure('a')]);
    const bodies = [
      `${attemptMarker({ attempt: 1, runId: 10, fingerprint: f.value, failures: f.failures }, false)}\ntext`,
      endMarker('repeated', 11),
      FIX_MARKER,
    ];
    const history = historyOf(bodies);
    assert.deepEqual(history.attempts, [
      { attempt: 1, runId: 10, fingerprint: f.value, failures: f.failures },
    ]);
    assert.equal(history.ended, undefined);
    assert.equal(history.grants, 1);
    assert.deepEqual(history.answeredRuns, [10, 11]);
    const used = historyOf([
      ...bodies,
      attemptMarker({ attempt: 2, runId: 11, fingerprint: f.value, failures: f.failures }, true),
    ]);
    assert.equal(used.grants, 0);
    assert.deepEqual(historyOf([...bodies, endMarker('stopped', 0)]).ended, { reason: 'stopped' });
  });
});

describe('the model’s edits', () => {
  it('are refused outside the addon, under .github, on generated tests and with unsafe paths; one refusal refuses all', () => {
    const tests = new Set(['tests/test_a.py']);
    const ok = validateEdits([{ path: 'addons/x/models/a.py', content: 'x = 1\n' }], 'addons/x', tests);
    assert.deepEqual([...ok.accepted.keys()], ['addons/x/models/a.py']);
    for (const path of [
      '.github/workflows/ci.yml',
      'addons/y/models/a.py',
      'addons/x/../y/a.py',
      '/etc/passwd',
      'addons/x/tests/test_a.py',
      'addons\\x\\a.py',
    ]) {
      const checked = validateEdits(
        [
          { path: 'addons/x/models/a.py', content: '' },
          { path, content: '' },
        ],
        'addons/x',
        tests,
      );
      assert.equal(checked.accepted.size, 0, path);
      assert.equal(checked.refused[0]?.path, path);
    }
    assert.equal(
      validateEdits([], 'addons/x', tests).refused.length,
      1,
      'an answer without edits is refused',
    );
  });
});

describe('the deterministic fixes of a hand-written addon', () => {
  it('rename a tree view mode and add a missing access row listed in the manifest', () => {
    const files = new Map([
      ['__manifest__.py', '{"name": "X", "data": [\n        "views/a.xml",\n    ]}\n'],
      [
        'views/a.xml',
        '<odoo><record id="a" model="ir.actions.act_window"><field name="view_mode">tree,form</field></record></odoo>\n',
      ],
    ]);
    const result = deterministicFix(
      [
        {
          source: 'finding',
          id: 'action-view-mode-tree',
          file: 'addons/x/views/a.xml',
          line: 1,
          message: 'view_mode "tree,form" uses "tree"',
        },
        {
          source: 'finding',
          id: 'access-missing',
          file: 'addons/x/models/a.py',
          line: 3,
          message: 'model "x.thing" has no access rule in ir.model.access',
        },
        { source: 'test', id: 't', message: 'boom' },
      ],
      { root: 'addons/x', files, generated: undefined },
    );
    assert.match(
      result.edits.get('addons/x/views/a.xml') ?? '',
      /<field name="view_mode">list,form<\/field>/,
    );
    assert.match(
      result.edits.get('addons/x/security/ir.model.access.csv') ?? '',
      /^id,name,model_id:id,.*\naccess_x_thing_user,x\.thing user,model_x_thing,base\.group_user,1,1,1,1\n$/,
    );
    assert.match(result.edits.get('addons/x/__manifest__.py') ?? '', /"security\/ir\.model\.access\.csv",/);
    assert.deepEqual(
      result.rest.map((f) => f.id),
      ['t'],
      'a test failure is left to the model',
    );
  });
});

describe('the reports', () => {
  it('read error findings of actions/check and test failures of actions/test; anything else is named', () => {
    const check = readRepairReport(
      {
        conclusion: 'failure',
        findings: [
          { file: 'x/a.xml', line: 2, severity: 'error', rule: 'r', message: 'm' },
          { file: 'x/b.xml', line: 1, severity: 'warning', rule: 'w', message: 'm' },
          { file: 'x/models/c.py', line: 4, severity: 'warning', rule: 'access-missing', message: 'm' },
        ],
      },
      'lint',
    );
    assert.ok(!('error' in check));
    assert.deepEqual(
      check.failures.map((f) => f.id),
      ['r', 'access-missing'],
      'errors, and the access-missing warning its fix answers',
    );
    const bad = readRepairReport({ hello: 1 }, 'report.json of odoo-forge-report-x');
    assert.ok('error' in bad && bad.error.includes('report.json of odoo-forge-report-x'));
    assert.equal(trimLog(Array.from({ length: 100 }, (_, i) => `l${i}`).join('\n')).split('\n')[0], 'l60');
  });
});
