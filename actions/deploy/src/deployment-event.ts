import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  deploymentTasks,
  isDeploymentTask,
  parseDeploymentPayload,
  type DeploymentPayload,
  type DeploymentTask,
} from '../../../core/config/deployment-payload.js';
import { ForgeError } from '../../../core/errors/forge-error.js';

/** The parts of a `deployment` webhook payload (GITHUB_EVENT_PATH) that the action reads. */
const deploymentEventSchema = z.object({
  deployment: z.object({
    id: z.number().int().positive(),
    sha: z.string().min(1),
    ref: z.string().min(1),
    task: z.string().default('deploy'),
    environment: z.string().min(1),
    // GitHub hands the payload back as created: an object, or the JSON string it was given as.
    payload: z.union([z.record(z.string(), z.unknown()), z.string()]).nullish(),
    creator: z.object({ login: z.string() }).nullish(),
  }),
});

/** The deployment this job runs. */
export interface DeploymentEvent {
  id: number;
  sha: string;
  ref: string;
  task: DeploymentTask;
  environment: string;
  /** The Forge app's payload; undefined for a deployment made by hand (`gh api`, another tool). */
  payload: DeploymentPayload | undefined;
  creator: string | undefined;
}

/**
 * Reads the `deployment` event of the job. Any other event, or a task this action does not
 * know, is an input error that says which workflow trigger and which tasks it expects.
 */
export function readDeploymentEvent(env: NodeJS.ProcessEnv = process.env): DeploymentEvent {
  const path = env.GITHUB_EVENT_PATH;
  if (env.GITHUB_EVENT_NAME !== 'deployment' || !path)
    throw new ForgeError(
      'input.deploy-event',
      `actions/deploy runs on the deployment event, not on ${env.GITHUB_EVENT_NAME ?? '(no GITHUB_EVENT_NAME)'}`,
      { hint: 'trigger the workflow with `on: deployment` (templates/workflows/odoo-forge-deploy.yml)' },
    );
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ForgeError('input.action-event', `GITHUB_EVENT_PATH ${path} is not readable JSON`, { cause });
  }
  const parsed = deploymentEventSchema.safeParse(json);
  if (!parsed.success)
    throw new ForgeError(
      'input.deploy-event',
      `the deployment event in ${path} lacks what a deploy needs: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      { hint: 'run the action from a workflow triggered by `on: deployment`' },
    );
  const { deployment } = parsed.data;
  const task = deployment.task;
  if (!isDeploymentTask(task))
    throw new ForgeError(
      'input.deployment-task',
      `deployment ${deployment.id} has task "${task}": actions/deploy runs ${deploymentTasks.join(', ')}`,
      { hint: 'create the deployment with one of these tasks, or leave task out (deploy)' },
    );
  return {
    id: deployment.id,
    sha: deployment.sha,
    ref: deployment.ref,
    task,
    environment: deployment.environment,
    payload: parseDeploymentPayload(deployment.payload, task, `the payload of deployment ${deployment.id}`),
    creator: deployment.creator?.login,
  };
}
