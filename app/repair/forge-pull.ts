import type { ForgeConfig } from '../../core/config/forge-config.js';
import type { ModuleSpec } from '../../core/spec/module-spec.js';
import type { RepoTarget } from '../github/repo-target.js';
import { loadLatestSpec } from '../spec-comment/load-latest-spec.js';

/** A pull request the app opened, with the addon it holds and the spec behind it. */
export interface ForgePull {
  number: number;
  issueNumber: number;
  branch: string;
  headSha: string;
  /** The addon's repository folder (`<addons_path>/<module>`). */
  root: string;
  module: string;
  spec: { spec: ModuleSpec; yaml: string } | undefined;
}

const PR_MARKER = /<!--\s*odoo-forge:pr issue=(\d+)/;

/**
 * The pull request `number` when the app opened it (written by a bot, with Forge's marker) and
 * it is open; undefined otherwise. The module comes from the latest valid spec of the issue, or
 * from the branch name (`<branch_prefix><module>`) when the spec is not valid any more.
 */
export async function loadForgePull(
  target: RepoTarget,
  config: ForgeConfig,
  number: number,
): Promise<ForgePull | undefined> {
  const { data: pull } = await target.octokit.rest.pulls.get({
    owner: target.owner,
    repo: target.repo,
    pull_number: number,
  });
  const issue = pull.user?.type === 'Bot' ? PR_MARKER.exec(pull.body ?? '')?.[1] : undefined;
  if (!issue || pull.state !== 'open') return undefined;
  const latest = await loadLatestSpec(target, Number(issue));
  const spec = latest.kind === 'valid' ? { spec: latest.spec, yaml: latest.yaml } : undefined;
  const fromBranch = pull.head.ref.startsWith(config.branch_prefix)
    ? pull.head.ref.slice(config.branch_prefix.length)
    : undefined;
  const module = spec?.spec.module.name ?? fromBranch;
  if (!module || !/^[a-z][a-z0-9_]*$/.test(module)) return undefined;
  const root = config.addons_path === '.' ? module : `${config.addons_path.replace(/\/+$/, '')}/${module}`;
  return {
    number,
    issueNumber: Number(issue),
    branch: pull.head.ref,
    headSha: pull.head.sha,
    root,
    module,
    spec,
  };
}

/** The open pull requests whose head is `branch` (a workflow run names its branch, not always its pull request). */
export async function pullNumbersOf(
  target: RepoTarget,
  branch: string,
  listed: readonly number[],
): Promise<number[]> {
  if (listed.length > 0) return [...listed];
  const { data } = await target.octokit.rest.pulls.list({
    owner: target.owner,
    repo: target.repo,
    head: `${target.owner}:${branch}`,
    state: 'open',
    per_page: 10,
  });
  return data.map((p) => p.number);
}
