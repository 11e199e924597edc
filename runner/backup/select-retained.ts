/** A backup as retention sees it. */
export interface RetentionCandidate {
  id: string;
  createdAt: Date;
  /** Its restore drill passed: only good backups fill the daily, weekly and monthly slots. */
  good: boolean;
}

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

/** Odoo.sh's promise: 7 daily, 4 weekly and 3 monthly backups. */
export const defaultRetention: RetentionPolicy = { daily: 7, weekly: 4, monthly: 3 };

export interface RetentionDecision {
  /** Ids to keep, each with why (`daily 2026-12-02`, `weekly 2026-W49`, `not drilled yet`...). */
  keep: Map<string, string[]>;
  delete: string[];
}

function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const buckets: { name: keyof RetentionPolicy; label: string; of: (date: Date) => string }[] = [
  { name: 'daily', label: 'daily', of: (d) => d.toISOString().slice(0, 10) },
  { name: 'weekly', label: 'weekly', of: isoWeek },
  { name: 'monthly', label: 'monthly', of: (d) => d.toISOString().slice(0, 7) },
];

/**
 * Which backups to keep: the newest good backup of each of the last `daily` days that have one,
 * of the last `weekly` ISO weeks and of the last `monthly` months (UTC). A backup that is not good
 * (drill failed or not run) never fills a slot; it is kept only while it is newer than the newest
 * good backup (to drill it, or to look at why it failed), and deleted after.
 */
export function selectRetained(
  candidates: readonly RetentionCandidate[],
  policy: RetentionPolicy = defaultRetention,
): RetentionDecision {
  const keep = new Map<string, string[]>();
  const reason = (id: string, why: string): void => {
    keep.set(id, [...(keep.get(id) ?? []), why]);
  };
  const newestFirst = [...candidates].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const good = newestFirst.filter((c) => c.good);
  for (const bucket of buckets) {
    const seen = new Set<string>();
    for (const candidate of good) {
      const period = bucket.of(candidate.createdAt);
      if (seen.has(period)) continue;
      if (seen.size >= policy[bucket.name]) break;
      seen.add(period);
      reason(candidate.id, `${bucket.label} ${period}`);
    }
  }
  const newestGood = good[0]?.createdAt.getTime() ?? -Infinity;
  for (const candidate of newestFirst) {
    if (!candidate.good && candidate.createdAt.getTime() > newestGood)
      reason(candidate.id, 'newer than the last good backup');
  }
  return { keep, delete: newestFirst.filter((c) => !keep.has(c.id)).map((c) => c.id) };
}
