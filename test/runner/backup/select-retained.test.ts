import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectRetained, type RetentionCandidate } from '../../../runner/backup/select-retained.js';

/** One good backup a day at 03:00 UTC for `days` days up to 2026-12-02, newest last. */
function daily(days: number): RetentionCandidate[] {
  const end = Date.UTC(2026, 11, 2, 3);
  return Array.from({ length: days }, (_, i) => {
    const createdAt = new Date(end - (days - 1 - i) * 86_400_000);
    return { id: createdAt.toISOString().slice(0, 10), createdAt, good: true };
  });
}

test('a year of daily backups keeps 7 daily, 4 weekly and 3 monthly ones', () => {
  const decision = selectRetained(daily(365));
  const kept = [...decision.keep.keys()].sort();
  // 7 last days; Sundays ending the 4 last ISO weeks (the current week's newest is today);
  // the newest of the 3 last months (today, 2026-11-30, 2026-10-31).
  assert.deepEqual(kept, [
    '2026-10-31',
    '2026-11-15',
    '2026-11-22',
    '2026-11-26',
    '2026-11-27',
    '2026-11-28',
    '2026-11-29',
    '2026-11-30',
    '2026-12-01',
    '2026-12-02',
  ]);
  assert.equal(decision.delete.length, 365 - kept.length);
  assert.deepEqual(decision.keep.get('2026-11-30'), ['daily 2026-11-30', 'monthly 2026-11']);
  assert.deepEqual(decision.keep.get('2026-12-02'), [
    'daily 2026-12-02',
    'weekly 2026-W49',
    'monthly 2026-12',
  ]);
});

test('a backup whose drill failed fills no slot and goes once a newer good backup exists', () => {
  const candidates = daily(10);
  const failed = { ...candidates[8]!, good: false };
  const withFailure = [...candidates.slice(0, 8), failed, candidates[9]!];
  const decision = selectRetained(withFailure);
  assert.ok(decision.delete.includes(failed.id));
  // Without the failed day, the 7 daily slots reach one day further back.
  assert.ok(decision.keep.has(candidates[2]!.id));
  assert.deepEqual(decision.keep.get(candidates[2]!.id), ['daily 2026-11-25']);
});

test('a failed or undrilled backup newer than every good one is kept, and counts for nothing', () => {
  const candidates = daily(3);
  const latest = { ...candidates[2]!, good: false };
  const decision = selectRetained([candidates[0]!, candidates[1]!, latest]);
  assert.deepEqual(decision.keep.get(latest.id), ['newer than the last good backup']);
  assert.deepEqual(decision.keep.get(candidates[1]!.id), [
    'daily 2026-12-01',
    'weekly 2026-W49',
    'monthly 2026-12',
  ]);
  assert.deepEqual(decision.delete, []);
});

test('several backups in one day: only the newest good one of the day is kept', () => {
  const base = Date.UTC(2026, 11, 2);
  const sameDay = [1, 5, 9].map((hour) => ({
    id: `h${hour}`,
    createdAt: new Date(base + hour * 3_600_000),
    good: true,
  }));
  const decision = selectRetained(sameDay);
  assert.deepEqual([...decision.keep.keys()], ['h9']);
  assert.deepEqual(decision.delete, ['h5', 'h1']);
});
