import type { Fingerprint } from './fingerprint.js';

/** One repair attempt as its marker on the pull request records it. */
export interface RecordedAttempt {
  attempt: number;
  /** The workflow run whose failures it answered. */
  runId: number;
  fingerprint: string;
  /** The failure hashes of that run. */
  failures: string[];
}

/** What the pull request's repair markers say, oldest first. */
export interface RepairHistory {
  attempts: RecordedAttempt[];
  /** `/fix` grants (each allows one attempt past the bounds) after the last stop. */
  grants: number;
  /** Set when the loop has ended (a stop, a summary or a green run) and no `/fix` came since. */
  ended: { reason: StopReason | 'green' } | undefined;
  /** Workflow runs already answered (a redelivered webhook changes nothing). */
  answeredRuns: number[];
}

export type StopReason = 'max-attempts' | 'repeated' | 'grew' | 'stopped' | 'no-fix';

export type RepairDecision =
  | { kind: 'ignore'; why: string }
  | { kind: 'stop'; reason: Exclude<StopReason, 'stopped' | 'no-fix'>; previous: RecordedAttempt }
  | { kind: 'attempt'; attempt: number; usesGrant: boolean };

/**
 * Decides what a failed run on a Forge pull request leads to. An attempt is allowed while fewer
 * than `maxAttempts` were made (plus one per `/fix`); the loop stops at once when the run's
 * failure set equals one an earlier attempt already answered (the fix changed nothing), or when
 * it grew (more failures than the previous run, or all of them plus a new one). A `/fix` grant lets
 * one attempt through whatever the failure set.
 */
export function decideRepair(
  history: RepairHistory,
  runId: number,
  fingerprint: Fingerprint,
  maxAttempts: number,
): RepairDecision {
  if (history.answeredRuns.includes(runId))
    return { kind: 'ignore', why: `run ${runId} was answered already` };
  if (history.ended) return { kind: 'ignore', why: `the repair loop has ended (${history.ended.reason})` };
  if (fingerprint.failures.length === 0) return { kind: 'ignore', why: 'the report lists no failure' };
  const next = history.attempts.length + 1;
  if (history.grants > 0) return { kind: 'attempt', attempt: next, usesGrant: true };
  if (maxAttempts === 0) return { kind: 'ignore', why: 'repair.max_attempts is 0: the repair loop is off' };
  const previous = history.attempts.at(-1);
  if (previous) {
    const repeated = history.attempts.find((a) => a.fingerprint === fingerprint.value);
    if (repeated) return { kind: 'stop', reason: 'repeated', previous: repeated };
    if (grew(previous.failures, fingerprint.failures)) return { kind: 'stop', reason: 'grew', previous };
    if (history.attempts.length >= maxAttempts) return { kind: 'stop', reason: 'max-attempts', previous };
  }
  return { kind: 'attempt', attempt: next, usesGrant: false };
}

/**
 * True when the failure set grew: more failures than before, or every earlier failure still
 * there plus a new one. One failure traded for another (an install error fixed, a test failing
 * behind it) is progress, not growth.
 */
export function grew(before: readonly string[], now: readonly string[]): boolean {
  if (now.length > before.length) return true;
  const current = new Set(now);
  return now.length > 0 && before.every((f) => current.has(f)) && now.some((f) => !before.includes(f));
}
