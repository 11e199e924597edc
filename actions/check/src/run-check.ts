import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import type { Finding } from '../../../core/findings/finding.js';
import { compareFindings } from '../../../core/findings/finding.js';
import { checkAddons } from '../../../runner/addon-reader/check-addons.js';
import { changedAddons, type ChangedAddons } from '../../../runner/pr/changed-addons.js';
import { findingAnnotation } from '../../shared/check-run-output.js';
import { CheckRun, checkRunName } from '../../shared/check-runs.js';
import { checkSummary } from './check-summary.js';
import { CHECK_RUN_DONE_STATE, CHECK_RUN_STATE } from './check-state.js';
import { readPullRequestContext, type PullRequestContext } from '../../shared/pull-request-context.js';
import { emitWorkflowAnnotations } from '../../shared/workflow-annotations.js';
import { reportArtifactName } from '../../../core/repair/report-artifact-name.js';
import { uploadReport } from '../../shared/upload-report.js';

const actionsLogger = {
  info: (m: string) => core.info(m),
  warn: (m: string) => core.warning(m),
  debug: (m: string) => core.debug(m),
};

export interface CheckInputs {
  /** Folders of the addons path, relative to root. */
  addonsPath: string[];
  /** The repository checkout (absolute). */
  root: string;
  token: string;
}

export type CheckConclusion = 'success' | 'failure' | 'neutral';

/** The JSON report written to RUNNER_TEMP (the `report` output names it). */
export interface CheckReport {
  conclusion: CheckConclusion;
  addons: { name: string; dir: string }[];
  withoutManifest: string[];
  findings: Finding[];
  counts: Record<Finding['severity'], number>;
}

export function readCheckInputs(env: NodeJS.ProcessEnv = process.env): CheckInputs {
  const root = resolve(core.getInput('root') || env.GITHUB_WORKSPACE || process.cwd());
  const addonsPath = (core.getInput('addons-path') || '.')
    .split(',')
    .map((dir) => dir.trim())
    .filter(Boolean);
  return { addonsPath, root, token: core.getInput('github-token') };
}

/**
 * A folder that looks like an addon but has no manifest: an error finding on the folder's
 * `__init__.py` (an annotation needs a file), or on the folder when it has none.
 */
function manifestMissing(dir: string, root: string): Finding {
  const init = `${dir}/__init__.py`;
  return {
    file: existsSync(join(root, init)) ? init : dir,
    line: 0,
    severity: 'error',
    rule: 'addon-manifest-missing',
    message: `${dir} looks like an addon (it has __init__.py or Odoo folders) but has no __manifest__.py, so Odoo cannot install it: add ${dir}/__manifest__.py`,
  };
}

async function findingsOf(changed: ChangedAddons, root: string): Promise<Finding[]> {
  const findings = changed.withoutManifest.map((dir) => manifestMissing(dir, root));
  if (changed.addons.length > 0) {
    // The checker's `root`: finding paths relative to the repository root, as GitHub annotates.
    const result = await checkAddons(
      changed.addons.map((addon) => join(root, addon.dir)),
      { root },
    );
    findings.push(...result.findings);
  }
  return findings.sort(compareFindings);
}

function conclusionOf(changed: ChangedAddons, findings: Finding[]): CheckConclusion {
  if (changed.addons.length === 0 && changed.withoutManifest.length === 0) return 'neutral';
  return findings.some((f) => f.severity === 'error') ? 'failure' : 'success';
}

/** Runs the static checker over the touched addons and reports the findings. */
export async function runCheckAction(
  inputs: CheckInputs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CheckReport> {
  const context = readPullRequestContext(env);
  const checkRun = await CheckRun.start(core, {
    token: inputs.token,
    owner: context.owner,
    repo: context.repo,
    headSha: context.headSha,
    name: checkRunName('lint'),
    ...(context.runUrl ? { detailsUrl: context.runUrl } : {}),
  });
  // For the post step: the check run to complete `cancelled` if this step never completes it.
  if (checkRun.id !== undefined) core.saveState(CHECK_RUN_STATE, String(checkRun.id));
  let report: CheckReport;
  try {
    report = await checkTouchedAddons(inputs, context);
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    await checkRun.complete({
      conclusion: 'failure',
      title: 'The check could not run',
      summary: `## ${checkRunName('lint')}: the check could not run\n\n${message}\n`,
      annotations: [],
    });
    core.saveState(CHECK_RUN_DONE_STATE, 'true');
    throw thrown;
  }
  const summary = checkSummary(report, context);
  const written = await checkRun.complete({
    conclusion: report.conclusion,
    title: checkTitle(report),
    summary,
    annotations: report.findings.map(findingAnnotation),
  });
  core.saveState(CHECK_RUN_DONE_STATE, 'true');
  const reportPath = writeReport(report, env.RUNNER_TEMP || inputs.root);
  // The artifact the app's repair loop reads (app/repair/fetch-reports.ts); never fails the action.
  await uploadReport(reportArtifactName('lint'), reportPath, env, actionsLogger);
  if (!written) emitWorkflowAnnotations(core, report.findings);
  const note = written
    ? ''
    : `\n> No check run "${checkRunName('lint')}" was written (${checkRun.fallbackReason}); the annotations above are workflow commands, at most 10 per level.\n`;
  await core.summary.addRaw(summary + note).write();
  core.setOutput('conclusion', report.conclusion);
  core.setOutput('report', reportPath);
  if (report.conclusion === 'failure')
    core.setFailed(`${checkRunName('lint')}: ${report.counts.error} error(s) in the touched addons`);
  return report;
}

function checkTitle(report: CheckReport): string {
  if (report.conclusion === 'neutral') return 'Nothing to test: no addon touched';
  const { error, warning, info } = report.counts;
  return `${report.addons.length} addon(s) checked: ${error} error(s), ${warning} warning(s), ${info} notice(s)`;
}

async function checkTouchedAddons(inputs: CheckInputs, context: PullRequestContext): Promise<CheckReport> {
  const changed = await changedAddons({
    workspace: inputs.root,
    base: context.baseSha,
    addonsPath: inputs.addonsPath,
  });
  core.info(`Touched addons: ${changed.addons.map((a) => a.dir || a.name).join(', ') || 'none'}`);
  if (changed.withoutManifest.length > 0)
    core.info(`Touched folders without a manifest: ${changed.withoutManifest.join(', ')}`);
  const findings = await findingsOf(changed, inputs.root);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return {
    conclusion: conclusionOf(changed, findings),
    addons: changed.addons.map(({ name, dir }) => ({ name, dir })),
    withoutManifest: changed.withoutManifest,
    findings,
    counts,
  };
}

/** Writes the JSON report under `dir/odoo-forge-check/`; returns its path. */
function writeReport(report: CheckReport, dir: string): string {
  const reportDir = join(dir, 'odoo-forge-check');
  mkdirSync(reportDir, { recursive: true });
  const reportPath = join(reportDir, 'report.json');
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  return reportPath;
}
