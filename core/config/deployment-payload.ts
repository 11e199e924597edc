import { z } from 'zod';
import { ForgeError } from '../errors/forge-error.js';

/**
 * The GitHub Deployment `task` of each Forge deployment: the app writes it in the deployment's
 * own `task` field, and `actions/deploy` dispatches on it.
 * - `deploy`: back up, install/update the addons of `ref`, health-check, restore on failure;
 * - `deploy:rollback`: restore the last backup taken before the environment's last deploy;
 * - `deploy:copy`: restore `copy_from`'s latest backup into the environment, then neutralize it.
 */
export const deploymentTasks = ['deploy', 'deploy:rollback', 'deploy:copy'] as const;
export type DeploymentTask = (typeof deploymentTasks)[number];

/** The short name of a task as the payload carries it (`{ task: "rollback" }`). */
export const payloadTaskOf = {
  deploy: 'deploy',
  'deploy:rollback': 'rollback',
  'deploy:copy': 'copy',
} as const satisfies Record<DeploymentTask, string>;

const login = z.string().regex(/^[A-Za-z0-9-]+(\[bot\])?$/, { error: 'expected a GitHub login' });
const environmentName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}$/, { error: 'expected an environment name such as "staging"' });
const addonName = z.string().regex(/^[a-z0-9_]+$/, { error: 'expected an addon name such as "library"' });

/**
 * The `payload` of a GitHub Deployment created by the Forge app (`/deploy`, `/rollback`, `/copy`)
 * and read by `actions/deploy`. Version 1; unknown keys are refused so both sides notice a drift.
 */
export const deploymentPayloadSchema = z.strictObject({
  /** The version of this shape. */
  forge: z.literal(1),
  /** `deploy`, `rollback` or `copy`: the deployment's `task` without its `deploy:` prefix. */
  task: z.enum(['deploy', 'rollback', 'copy']),
  /** The environment deployed to (the deployment's `environment`, repeated for readers of the payload). */
  environment: environmentName,
  /**
   * The addons the pull request adds or changes (folder names under `addons_path`). The runner
   * installs those that are not installed and updates the others; `[]` for rollback and copy,
   * and for a deploy whose pull request touches no addon (the runner then plans from the tree).
   */
  addons: z.array(addonName),
  /** The pull request deployed (absent for a command given on an issue). */
  pull_request: z.number().int().positive().optional(),
  /** The issue or pull request where the command was given: deployment statuses are answered there. */
  thread: z.number().int().positive(),
  /** Who commented the command. */
  requester: login,
  /** The id of the command's comment: a redelivered webhook finds its deployment by it. */
  command_comment_id: z.number().int().positive(),
  /** Production: the environment whose branch head is deployed (`ref` is that head's sha). */
  promoted_from: z
    .strictObject({ environment: environmentName, sha: z.string().regex(/^[0-9a-f]{40}$/) })
    .optional(),
  /** `deploy:copy`: the environment whose latest backup is restored (`production`). */
  copy_from: environmentName.optional(),
  /**
   * False when `environments.NAME.allow_self_approval` is false: the requester must not approve
   * this deployment in GitHub's environment protection (the app says so; GitHub's "Prevent
   * self-review" setting enforces it).
   */
  allow_self_approval: z.boolean(),
});

export type DeploymentPayload = z.infer<typeof deploymentPayloadSchema>;

/**
 * Reads a deployment's payload and checks it against its `task` field. A deployment that is not
 * Forge's (no `forge` key) answers `undefined`; a Forge payload that does not fit is an error
 * naming the bad keys.
 */
export function parseDeploymentPayload(
  raw: unknown,
  task: string,
  source = 'the deployment payload',
): DeploymentPayload | undefined {
  const value: unknown = typeof raw === 'string' && raw.trim().startsWith('{') ? JSON.parse(raw) : raw;
  if (typeof value !== 'object' || value === null || !('forge' in value)) return undefined;
  const parsed = deploymentPayloadSchema.safeParse(value);
  if (!parsed.success)
    throw new ForgeError(
      'input.deployment-payload',
      `${source} is not a valid Forge payload: ${parsed.error.issues
        .map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`)
        .join('; ')}`,
      { hint: 'create the deployment with the Forge app (/deploy, /rollback, /copy) of the same version' },
    );
  if (!isDeploymentTask(task) || payloadTaskOf[task] !== parsed.data.task)
    throw new ForgeError(
      'input.deployment-task',
      `${source} says task "${parsed.data.task}" but the deployment's task is "${task}"`,
      { hint: `expected one of ${deploymentTasks.map((t) => `"${t}"`).join(', ')}, matching the payload` },
    );
  return parsed.data;
}

export function isDeploymentTask(task: string): task is DeploymentTask {
  return (deploymentTasks as readonly string[]).includes(task);
}
