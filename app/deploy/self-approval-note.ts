import type { EnvironmentConfig } from '../../core/config/environments.js';

/** The line that says the requester may not approve their own deployment, when the config says so. */
export function selfApprovalNote(name: string, environment: EnvironmentConfig, requester: string): string[] {
  if (environment.allow_self_approval !== false) return [];
  return [
    '',
    `🔒 \`environments.${name}.allow_self_approval\` is false: @${requester}, you asked for this deployment, so someone else must approve it when GitHub holds the job. (Turn on _Prevent self-review_ in the \`${name}\` environment's protection rules so that GitHub enforces it too.)`,
  ];
}
