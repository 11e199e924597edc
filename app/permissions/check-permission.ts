import type { ForgeConfig } from '../../core/config/forge-config.js';
import type { RepoTarget } from '../github/repo-target.js';

/** Who may run a command: anyone, people with write access, or approvers (write + config). */
export type Requirement = 'anyone' | 'write' | 'approve';

export type PermissionDecision = { allowed: true } | { allowed: false; who: string };

const WRITE_ROLES = new Set(['admin', 'maintain', 'write']);

/**
 * Asks GitHub for the commenter's permission on the repository (collaborator permission API)
 * and, for `approve`, narrows it to `approvers` when the config lists any.
 */
export async function checkPermission(
  target: RepoTarget,
  login: string,
  requirement: Requirement,
  config: ForgeConfig,
): Promise<PermissionDecision> {
  if (requirement === 'anyone') return { allowed: true };
  const { data } = await target.octokit.rest.repos.getCollaboratorPermissionLevel({
    owner: target.owner,
    repo: target.repo,
    username: login,
  });
  const role = data.role_name ?? data.permission;
  const canWrite = WRITE_ROLES.has(role) || WRITE_ROLES.has(data.permission);
  const approvers = config.approvers.map((a) => a.replace(/^@/, '').toLowerCase());
  if (requirement === 'approve' && approvers.length > 0) {
    return canWrite && approvers.includes(login.toLowerCase())
      ? { allowed: true }
      : {
          allowed: false,
          who: `the approvers listed in \`.github/odoo-forge.yml\` (${approvers.map((a) => `@${a}`).join(', ')}), with write access`,
        };
  }
  return canWrite
    ? { allowed: true }
    : { allowed: false, who: 'people with write access to this repository (maintainers)' };
}
