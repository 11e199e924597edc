import type { OnboardingTemplates } from '../forge-deps.js';
import { commitFiles } from '../git/commit-files.js';
import { upsertPullRequest } from '../git/upsert-pull-request.js';
import { isStatus, type RepoTarget } from '../github/repo-target.js';

export const ONBOARDING_BRANCH = 'forge/setup';
export const ISSUE_FORM_PATH = '.github/ISSUE_TEMPLATE/module-request.yml';
export const CONFIG_PATH = '.github/odoo-forge.yml';

/**
 * Opens one pull request that adds the module-request issue form and a commented config file.
 * Nothing happens when the form is already on the default branch or the pull request exists.
 * No workflow file is written: the app does not hold the `workflows` permission.
 */
export async function openOnboardingPullRequest(
  target: RepoTarget,
  templates: OnboardingTemplates,
): Promise<'skipped' | 'opened' | 'exists'> {
  const { data: repository } = await target.octokit.rest.repos.get({
    owner: target.owner,
    repo: target.repo,
  });
  if (repository.archived) return 'skipped';
  if (await fileExists(target, ISSUE_FORM_PATH, repository.default_branch)) return 'skipped';
  await commitFiles(target, {
    branch: ONBOARDING_BRANCH,
    baseBranch: repository.default_branch,
    files: new Map([
      [ISSUE_FORM_PATH, templates.issueForm],
      [CONFIG_PATH, templates.config],
    ]),
    message: 'Set up Odoo Forge: module-request issue form and configuration',
    trailer: 'Odoo-Forge-Onboarding: v1',
  });
  const pull = await upsertPullRequest(target, {
    branch: ONBOARDING_BRANCH,
    baseBranch: repository.default_branch,
    title: 'Set up Odoo Forge',
    body: [
      '<!-- odoo-forge:onboarding -->',
      'Thanks for installing **Odoo Forge**. This pull request adds:',
      '',
      `- \`${ISSUE_FORM_PATH}\`: the “Module request” issue form. Once merged, file an issue with it to request an addon.`,
      `- \`${CONFIG_PATH}\`: the configuration, every key commented with its default.`,
      '',
      'Merge it to start; close it to keep Forge idle. Forge never adds workflow files on its own: copy the CI workflow from the docs when you want it.',
    ].join('\n'),
  });
  return pull.created ? 'opened' : 'exists';
}

async function fileExists(target: RepoTarget, path: string, ref: string): Promise<boolean> {
  try {
    await target.octokit.rest.repos.getContent({ owner: target.owner, repo: target.repo, path, ref });
    return true;
  } catch (thrown) {
    if (isStatus(thrown, 404)) return false;
    throw thrown;
  }
}
