import { renderForgeWorkflow } from '../../core/workflows/render-forge-workflow.js';
import type { OnboardingTemplates } from '../forge-deps.js';
import { commitFiles } from '../git/commit-files.js';
import { upsertPullRequest } from '../git/upsert-pull-request.js';
import { isStatus, type RepoTarget } from '../github/repo-target.js';

export const ONBOARDING_BRANCH = 'forge/setup';
export const ISSUE_FORM_PATH = '.github/ISSUE_TEMPLATE/module-request.yml';
export const CONFIG_PATH = '.github/odoo-forge.yml';
export const WORKFLOW_PATH = '.github/workflows/odoo-forge.yml';
/** The one command that adds the workflow (with the form and config) in a checkout. */
export const INIT_COMMAND = 'npx odoo-forge init';

/**
 * Opens one pull request that adds the module-request issue form and a commented config file.
 * Nothing happens when the form is already on the default branch or the pull request exists.
 * No workflow file is written (the app does not hold the `workflows` permission): the body
 * carries the workflow's full text, for the default branch, and the command that adds it.
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
    body: onboardingBody(
      renderForgeWorkflow(templates.workflow, {
        branches: [repository.default_branch],
        series: ['18.0'],
      }),
    ),
  });
  return pull.created ? 'opened' : 'exists';
}

function onboardingBody(workflow: string): string {
  return [
    '<!-- odoo-forge:onboarding -->',
    'Thanks for installing **Odoo Forge**. This pull request adds:',
    '',
    `- \`${ISSUE_FORM_PATH}\`: the “Module request” issue form. Once merged, file an issue with it to request an addon.`,
    `- \`${CONFIG_PATH}\`: the configuration, every key commented with its default.`,
    '',
    'Merge it to start; close it to keep Forge idle.',
    '',
    '### Checks on every pull request',
    '',
    `Forge cannot add the workflow that checks your addons itself: a GitHub App needs the \`workflows\` permission to write \`.github/workflows/\`, and Forge does not ask for it. Add \`${WORKFLOW_PATH}\` from a checkout of this repository with one command (it also writes the two files above when they are missing, and never overwrites a file you changed):`,
    '',
    '```sh',
    INIT_COMMAND,
    '```',
    '',
    'or copy the file below. Its `tests` job needs a Forge runner (a self-hosted runner with the `odoo-forge` label): see [docs/runners.md](https://github.com/odoo-forge/odoo-forge/blob/main/docs/runners.md), which ends with the branch rule that requires `Odoo Forge / lint` and `Odoo Forge / tests (18.0)`.',
    '',
    `<details><summary><code>${WORKFLOW_PATH}</code></summary>`,
    '',
    '```yaml',
    workflow.trimEnd(),
    '```',
    '',
    '</details>',
  ].join('\n');
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
