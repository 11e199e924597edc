import { z } from 'zod';

/**
 * One failure the repair loop works on, from either report the Forge workflow uploads: a
 * checker finding (actions/check's report) or a test, install or log failure (actions/test's
 * PrReport). Plain data; `id` is the rule id or the test id.
 */
export interface RepairFailure {
  source: 'finding' | 'test' | 'install' | 'log' | 'browser';
  /** The checker's rule id (`access-missing`), the test id, or the kind for install/log failures. */
  id: string;
  /** Repository-relative path, when the failure points into the repository. */
  file?: string;
  line?: number;
  message: string;
  /** The traceback or log record (trimmed before it reaches a model). */
  details?: string;
  /** The Odoo series of the run that failed (tests), when known. */
  series?: string;
}

const findingSchema = z.looseObject({
  file: z.string(),
  line: z.number().optional(),
  severity: z.string(),
  rule: z.string(),
  message: z.string(),
});
/** actions/check's JSON report, as far as the repair reads it. */
const checkReportSchema = z.looseObject({ conclusion: z.string(), findings: z.array(findingSchema) });

const testFailureSchema = z.looseObject({
  kind: z.enum(['fail', 'error', 'install', 'log']),
  module: z.string().optional(),
  test: z.string().optional(),
  file: z.string().optional(),
  line: z.number().optional(),
  message: z.string(),
  details: z.string().optional(),
});
const seriesSchema = z.looseObject({
  series: z.string(),
  tests: z.looseObject({
    modules: z.array(z.looseObject({ name: z.string(), failures: z.array(testFailureSchema) })),
    otherFailures: z.array(testFailureSchema),
    logExcerpt: z.string().optional(),
  }),
  browser: z
    .looseObject({
      failures: z.array(z.looseObject({ action: z.string(), step: z.string(), message: z.string() })),
    })
    .optional(),
});
/** actions/test's PrReport (runner/report/pr-report.ts), as far as the repair reads it. */
const prReportSchema = z.looseObject({
  version: z.literal(1),
  conclusion: z.string(),
  series: z.array(seriesSchema),
});

/** What one report artifact says: its failures and, for a test report, the end of the Odoo log. */
export interface ReadReport {
  kind: 'check' | 'tests';
  conclusion: string;
  failures: RepairFailure[];
  logExcerpt: string;
}

/**
 * Warnings a failed run is repaired for too: Odoo installs a model without access rules with a
 * warning, but then nobody but the superuser can use it, so its tests fail with an AccessError
 * that only the warning explains (and the deterministic fix adds the row).
 */
const REPAIRED_WARNINGS = new Set(['access-missing']);

/**
 * Reads one JSON report (either kind); `where` names it in the error. Error findings count, and
 * the warnings of REPAIRED_WARNINGS (other warnings do not fail the check).
 */
export function readRepairReport(json: unknown, where: string): ReadReport | { error: string } {
  const pr = prReportSchema.safeParse(json);
  if (pr.success) {
    const failures: RepairFailure[] = [];
    const logs: string[] = [];
    for (const series of pr.data.series) {
      const all = [...series.tests.modules.flatMap((m) => m.failures), ...series.tests.otherFailures];
      for (const f of all) failures.push(testFailure(f, series.series));
      for (const b of series.browser?.failures ?? [])
        failures.push({
          source: 'browser',
          id: `${b.action} / ${b.step}`,
          message: b.message,
          series: series.series,
        });
      if (series.tests.logExcerpt) logs.push(series.tests.logExcerpt);
    }
    return { kind: 'tests', conclusion: pr.data.conclusion, failures, logExcerpt: logs.join('\n') };
  }
  const check = checkReportSchema.safeParse(json);
  if (check.success)
    return {
      kind: 'check',
      conclusion: check.data.conclusion,
      failures: check.data.findings
        .filter((f) => f.severity === 'error' || REPAIRED_WARNINGS.has(f.rule))
        .map((f) => ({
          source: 'finding' as const,
          id: f.rule,
          file: f.file,
          ...(f.line ? { line: f.line } : {}),
          message: f.message,
        })),
      logExcerpt: '',
    };
  return {
    error: `${where} is neither an actions/test report (version 1, series[]) nor an actions/check report (findings[])`,
  };
}

function testFailure(f: z.infer<typeof testFailureSchema>, series: string): RepairFailure {
  const source = f.kind === 'fail' || f.kind === 'error' ? 'test' : f.kind;
  return {
    source,
    id: f.test ?? (f.module ? `${f.kind}:${f.module}` : f.kind),
    ...(f.file ? { file: f.file } : {}),
    ...(f.line ? { line: f.line } : {}),
    message: f.message,
    ...(f.details ? { details: f.details } : {}),
    series,
  };
}
