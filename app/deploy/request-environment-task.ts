import type { EnvironmentConfig } from '../../core/config/environments.js';
import type { CommandContext } from '../commands/forge-command.js';
import { answerOnce, deploymentsPage } from './answer-once.js';
import { ensureDeployment } from './ensure-deployment.js';
import { selfApprovalNote } from './self-approval-note.js';

export interface EnvironmentTask {
  task: 'deploy:rollback' | 'deploy:copy';
  name: string;
  environment: EnvironmentConfig;
  /** `deploy:copy`: the environment whose latest backup is restored. */
  copyFrom?: string;
  /** What the comment says the job will do. */
  what: string;
}

/**
 * `/rollback NAME` and `/copy FROM NAME`: a deployment of the environment's branch whose task
 * tells `actions/deploy` what to do (restore the last backup before the last deploy; restore
 * FROM's latest backup and neutralize), created once per command comment, and linked.
 */
export async function requestEnvironmentTask(
  context: CommandContext,
  request: EnvironmentTask,
): Promise<void> {
  const { target } = context;
  const { name, environment } = request;
  const deployment = await ensureDeployment(target, {
    task: request.task,
    ref: environment.branch,
    description: `${request.task} by @${context.sender}`,
    payload: {
      environment: name,
      addons: [],
      ...(context.pullNumber === undefined ? {} : { pull_request: context.pullNumber }),
      thread: context.threadNumber,
      requester: context.sender,
      command_comment_id: context.commentId,
      ...(request.copyFrom === undefined ? {} : { copy_from: request.copyFrom }),
      allow_self_approval: environment.allow_self_approval !== false,
    },
  });
  await answerOnce(
    target,
    context.threadNumber,
    `deploy comment=${context.commentId}`,
    [
      `⏪ [Deployment ${deployment.id}](${await deploymentsPage(target, name)}) (\`${request.task}\`) of **${name}** created: ${request.what}`,
      '',
      `The Odoo Forge deploy workflow runs it on \`${environment.runner_labels.join(', ')}\`; I answer here when it ends.`,
      ...selfApprovalNote(name, environment, context.sender),
    ].join('\n'),
  );
}
