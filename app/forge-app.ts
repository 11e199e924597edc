import type { ApplicationFunction, Context, ProbotOctokit } from 'probot';
import { parseCommandLine } from './commands/parse-command-line.js';
import { defaultCommands } from './commands/default-commands.js';
import { configProblemsComment, loadForgeConfig } from './config/load-forge-config.js';
import { answerDeploymentStatus } from './deploy/answer-deployment-status.js';
import type { ForgeDeps } from './forge-deps.js';
import { comment, type RepoTarget } from './github/repo-target.js';
import { checkSpecEdit } from './handlers/check-spec-edit.js';
import { draftSpec } from './handlers/draft-spec.js';
import { FORGE_CHECK_PREFIX, rerunCheckRun } from './handlers/rerun-check-run.js';
import { runCommand } from './handlers/run-command.js';
import { openOnboardingPullRequest } from './onboarding/open-onboarding-pr.js';
import { offerRepairButtons } from './repair/offer-repair-buttons.js';
import { pressRepairButton } from './repair/press-repair-button.js';
import { repairCheckRun } from './repair/repair-check-run.js';
import { repairWorkflowRun } from './repair/repair-workflow-run.js';
import { issueNumberOf } from './work/work-key.js';

/**
 * The Odoo Forge app. Handlers do their work where they run: the webhook server has already
 * answered the delivery and queued `probot.receive` under the delivery's issue (see createForge),
 * so a delivery is one piece of work on the queue, one after the other per issue.
 */
export function forgeApp(deps: ForgeDeps): ApplicationFunction {
  const registry = defaultCommands();
  const usage = registry.usage();

  return (app) => {
    app.on(['issues.opened', 'issues.edited', 'issues.labeled'], async (context) => {
      const { issue } = context.payload;
      if (context.payload.sender.type === 'Bot') return;
      if (context.payload.action === 'edited' && !context.payload.changes.body) return;
      const addedLabel = context.payload.action === 'labeled' ? context.payload.label?.name : undefined;
      const target = repoTarget(context);
      const { config, problems } = await loadForgeConfig(context);
      // A label only starts a request when it is the request label.
      if (context.payload.action === 'labeled' && addedLabel !== config.labels.request) return;
      if (problems.length > 0) await comment(target, issue.number, configProblemsComment(problems));
      await draftSpec(
        target,
        {
          number: issue.number,
          title: issue.title,
          body: issue.body ?? '',
          labels: (issue.labels ?? []).map((l) => l.name),
        },
        config,
        deps,
      );
    });

    app.on('issue_comment.created', async (context) => {
      const { comment: created, issue } = context.payload;
      if (created.user?.type === 'Bot' || context.payload.sender.type === 'Bot') return;
      const line = parseCommandLine(created.body);
      if (!line) return;
      const target = repoTarget(context);
      const pullNumber = issue.pull_request ? issue.number : undefined;
      // Only a pull request written by a bot (Forge's) is trusted to name the issue it closes.
      const issueNumber = issueNumberOf(issue) ?? issue.number;
      const { config, problems } = await loadForgeConfig(context);
      if (problems.length > 0) await comment(target, issue.number, configProblemsComment(problems));
      await runCommand(registry, line, {
        target,
        config,
        issueNumber,
        threadNumber: issue.number,
        pullNumber,
        defaultBranch: context.payload.repository.default_branch,
        sender: created.user?.login ?? context.payload.sender.login,
        commentId: created.id,
        deps,
        usage,
      });
    });

    app.on('issue_comment.edited', async (context) => {
      const { comment: edited, issue } = context.payload;
      if (context.payload.sender.type === 'Bot') return;
      await checkSpecEdit(
        repoTarget(context),
        issue.number,
        {
          id: edited.id,
          body: edited.body,
          previousBody: context.payload.changes.body?.from,
          authorIsBot: edited.user?.type === 'Bot',
          url: edited.html_url,
        },
        context.payload.sender.login,
      );
    });

    // GitHub sends these only for check runs this app created (the workflow posts them with the
    // app's token): "Re-run" and the `retest` button re-run the Forge workflow behind the check.
    app.on(['check_run.rerequested', 'check_run.requested_action'], async (context) => {
      const { check_run: checkRun } = context.payload;
      const outcome = await rerunCheckRun(repoTarget(context), {
        action: context.payload.action,
        checkRun: { name: checkRun.name, headSha: checkRun.head_sha, detailsUrl: checkRun.details_url },
        identifier:
          context.payload.action === 'requested_action'
            ? context.payload.requested_action?.identifier
            : undefined,
      });
      if (outcome)
        context.log.info(
          {
            check: checkRun.name,
            failedJobs: outcome.failedJobs.map((r) => r.id),
            allJobs: outcome.allJobs.map((r) => r.id),
            running: outcome.running.map((r) => r.id),
          },
          'check run re-run requested',
        );
    });

    // A finished Forge workflow run on a pull request the app opened: one turn of the repair loop.
    app.on('workflow_run.completed', async (context) => {
      const { workflow_run: run } = context.payload;
      const target = repoTarget(context);
      const { config } = await loadForgeConfig(context);
      const outcomes = await repairWorkflowRun(
        target,
        config,
        { deps: deps.repair ?? { repairer: undefined, checkAddon: undefined }, generate: deps.generate },
        {
          id: run.id,
          name: run.name,
          path: run.path,
          conclusion: run.conclusion,
          headSha: run.head_sha,
          headBranch: run.head_branch,
          url: run.html_url,
          pullNumbers: (run.pull_requests ?? []).flatMap((p) => (p ? [p.number] : [])),
        },
      );
      for (const { pull, outcome } of outcomes)
        context.log.info({ run: run.id, pull, ...outcome }, 'repair turn');
    });

    // A Forge check run failed on a pull request the app opened: the same turn as its workflow run's.
    app.on('check_run.completed', async (context) => {
      const { check_run: checkRun } = context.payload;
      const target = repoTarget(context);
      if (!checkRun.name.startsWith(FORGE_CHECK_PREFIX) || checkRun.conclusion !== 'failure') return;
      const { config } = await loadForgeConfig(context);
      const offer = await offerRepairButtons(target, config, {
        id: checkRun.id,
        name: checkRun.name,
        conclusion: checkRun.conclusion,
        appSlug: checkRun.app?.slug,
        headBranch: checkRun.check_suite?.head_branch,
        pullNumbers: checkRun.pull_requests.map((p) => p.number),
      });
      context.log.info({ check: checkRun.name, ...offer }, 'repair buttons');
      const turns = await repairCheckRun(
        target,
        config,
        { deps: deps.repair ?? { repairer: undefined, checkAddon: undefined }, generate: deps.generate },
        {
          name: checkRun.name,
          conclusion: checkRun.conclusion,
          headSha: checkRun.head_sha,
          headBranch: checkRun.check_suite?.head_branch,
          detailsUrl: checkRun.details_url,
          pullNumbers: checkRun.pull_requests.map((p) => p.number),
        },
      );
      for (const { pull, outcome } of turns)
        context.log.info({ check: checkRun.name, pull, ...outcome }, 'repair turn');
    });

    // A Forge deployment ended: say so where its /deploy, /rollback or /copy was commented.
    app.on('deployment_status.created', answerDeploymentStatus);

    // The check run's Fix / Stop repair buttons (check runs the app created).
    app.on('check_run.requested_action', async (context) => {
      const { check_run: checkRun } = context.payload;
      const target = repoTarget(context);
      const { config } = await loadForgeConfig(context);
      const done = await pressRepairButton(
        {
          target,
          config,
          deps: deps.repair ?? { repairer: undefined, checkAddon: undefined },
          generate: deps.generate,
        },
        {
          identifier: context.payload.requested_action?.identifier,
          checkName: checkRun.name,
          headSha: checkRun.head_sha,
          sender: context.payload.sender.login,
        },
      );
      if (done.length > 0) context.log.info({ check: checkRun.name, done }, 'repair button');
    });

    app.on(['installation.created', 'installation_repositories.added'], async (context) => {
      const installationId = context.payload.installation.id;
      const account = context.payload.installation.account;
      const owner = account && 'login' in account ? account.login : (account?.slug ?? '');
      const repositories =
        'repositories_added' in context.payload
          ? context.payload.repositories_added
          : (context.payload.repositories ?? []);
      for (const repository of repositories) {
        const target: RepoTarget = {
          octokit: context.octokit as ProbotOctokit,
          owner,
          repo: repository.name,
          installationId,
        };
        const outcome = await openOnboardingPullRequest(target, deps.templates);
        context.log.info({ repository: repository.full_name, outcome }, 'onboarding');
      }
    });
  };
}

/** The repository of a delivery about one repository, with the installation's client. */
function repoTarget(context: Context<'issues' | 'issue_comment' | 'check_run' | 'workflow_run'>): RepoTarget {
  const { owner, repo } = context.repo();
  return {
    octokit: context.octokit as ProbotOctokit,
    owner,
    repo,
    installationId: context.payload.installation?.id ?? 0,
  };
}
