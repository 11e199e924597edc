import type { EnvironmentConfig } from '../../core/config/environments.js';
import type { RepoTarget } from '../github/repo-target.js';

export type EnvironmentAccess = { allowed: true } | { allowed: false; who: string };

const WRITE_ROLES = new Set(['admin', 'maintain', 'write']);

/**
 * May `login` deploy to (or roll back, or copy into) the environment `name`? People with write
 * access may, and so may the logins of `environments.NAME.approvers`. Asked of GitHub each time
 * (the collaborator permission API), never cached.
 */
export async function checkEnvironmentAccess(
  target: RepoTarget,
  login: string,
  name: string,
  environment: EnvironmentConfig,
): Promise<EnvironmentAccess> {
  const approvers = (environment.approvers ?? []).map((a) => a.replace(/^@/, '').toLowerCase());
  if (approvers.includes(login.toLowerCase())) return { allowed: true };
  const { data } = await target.octokit.rest.repos.getCollaboratorPermissionLevel({
    owner: target.owner,
    repo: target.repo,
    username: login,
  });
  if (WRITE_ROLES.has(data.role_name ?? '') || WRITE_ROLES.has(data.permission)) return { allowed: true };
  const listed = approvers.length
    ? ` and the approvers of \`environments.${name}\` (${approvers.map((a) => `@${a}`).join(', ')})`
    : '';
  return { allowed: false, who: `people with write access to this repository${listed}` };
}
