import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import type { Finding } from '../../../core/findings/finding.js';
import { compareFindings } from '../../../core/findings/finding.js';
import { checkAddons } from '../../../runner/addon-reader/check-addons.js';
import { changedAddons, type ChangedAddons } from '../../../runner/pr/changed-addons.js';
import { findingsTable } from '../../shared/findings-markdown.js';
import { readPullRequestContext, type PullRequestContext } from '../../shared/pull-request-context.js';
import { toRepoPaths } from '../../shared/repo-findings.js';
import { emitWorkflowAnnotations } from '../../shared/workflow-annotations.js';

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

/** A folder that looks like an addon but has no manifest: an error finding on the folder. */
function manifestMissing(dir: string): Finding {
  return {
    file: dir,
    line: 0,
    severity: 'error',
    rule: 'addon-manifest-missing',
    message: `${dir} looks like an addon (it has __init__.py or Odoo folders) but has no __manifest__.py, so Odoo cannot install it`,
  };
}

async function findingsOf(changed: ChangedAddons, root: string): Promise<Finding[]> {
  const findings = changed.withoutManifest.map(manifestMissing);
  if (changed.addons.length > 0) {
    const result = await checkAddons(changed.addons.map((addon) => join(root, addon.dir)));
    findings.push(...toRepoPaths(result.findings, changed.addons));
  }
  return findings.sort(compareFindings);
}

function conclusionOf(changed: ChangedAddons, findings: Finding[]): CheckConclusion {
  if (changed.addons.length === 0 && changed.withoutManifest.length === 0) return 'neutral';
  return findings.some((f) => f.severity === 'error') ? 'failure' : 'success';
}

/** The markdown of the job summary (and of the check run): counts, then every finding. */
export function checkSummary(report: CheckReport, context: PullRequestContext): string {
  if (report.conclusion === 'neutral')
    return '## Odoo Forge / lint\n\nNothing to test: this change touches no addon.\n';
  const names = report.addons.map((a) => `\`${a.dir || a.name}\``).join(', ') || 'none';
  const { error, warning, info } = report.counts;
  return [
    `## Odoo Forge / lint: ${report.conclusion}`,
    '',
    `Checked ${report.addons.length} addon(s): ${names}. ${error} error(s), ${warning} warning(s), ${info} notice(s).`,
    '',
    findingsTable(report.findings, { owner: context.owner, repo: context.repo, sha: context.headSha }),
  ].join('\n');
}

/** Runs the static checker over the touched addons and reports the findings. */
export async function runCheckAction(
  inputs: CheckInputs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CheckReport> {
  const context = readPullRequestContext(env);
  const changed = await changedAddons({
    workspace: inputs.root,
    base: context.baseSha,
    addonsPath: inputs.addonsPath,
  });
  core.info(`Touched addons: ${changed.addons.map((a) => a.dir).join(', ') || 'none'}`);
  const findings = await findingsOf(changed, inputs.root);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  const report: CheckReport = {
    conclusion: conclusionOf(changed, findings),
    addons: changed.addons.map(({ name, dir }) => ({ name, dir })),
    withoutManifest: changed.withoutManifest,
    findings,
    counts,
  };
  const reportDir = join(env.RUNNER_TEMP || inputs.root, 'odoo-forge-check');
  mkdirSync(reportDir, { recursive: true });
  const reportPath = join(reportDir, 'report.json');
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  emitWorkflowAnnotations(core, findings);
  await core.summary.addRaw(checkSummary(report, context)).write();
  core.setOutput('conclusion', report.conclusion);
  core.setOutput('report', reportPath);
  if (report.conclusion === 'failure')
    core.setFailed(`Odoo Forge / lint: ${counts.error} error(s) in the touched addons`);
  return report;
}
