/** An annotation of a check run, as GitHub stores it. */
export interface FakeAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  startColumn?: number;
  endColumn?: number;
  level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  rawDetails?: string;
}

export type FakeCheckConclusion =
  'action_required' | 'cancelled' | 'failure' | 'neutral' | 'success' | 'skipped' | 'stale' | 'timed_out';

/** A check run in the fake: what GitHub would show on the pull request's Checks tab. */
export interface FakeCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: FakeCheckConclusion | null;
  detailsUrl: string | null;
  externalId: string | null;
  startedAt: string;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation, in the order the requests added them (later updates append). */
  annotations: FakeAnnotation[];
  /** The app that owns it (the token's app). */
  appSlug: string;
  /** How many requests (create + updates) carried annotations: for the 50-per-request rule. */
  annotationRequests: number;
  /** The buttons (`actions`) of the last create or update that set them. */
  actions?: Array<{ label: string; identifier: string; description: string }>;
}
