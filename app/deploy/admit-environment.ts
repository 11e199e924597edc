import type { CommandContext } from '../commands/forge-command.js';
import { comment } from '../github/repo-target.js';
import { checkEnvironmentAccess } from './environment-access.js';
import { findEnvironment, type FoundEnvironment } from './find-environment.js';

/**
 * The environment a command names, when it exists and the commenter may use it; otherwise the
 * refusal is commented and nothing else happens (undefined).
 */
export async function admitEnvironment(
  context: CommandContext,
  name: string,
  command: string,
): Promise<Extract<FoundEnvironment, { ok: true }> | undefined> {
  const found = findEnvironment(context.config, name, command);
  if (!found.ok) {
    await comment(context.target, context.threadNumber, found.answer);
    return undefined;
  }
  const access = await checkEnvironmentAccess(context.target, context.sender, name, found.environment);
  if (!access.allowed) {
    await comment(
      context.target,
      context.threadNumber,
      `Sorry @${context.sender}, \`${command}\` may only be used by ${access.who}. Nothing was merged or deployed.`,
    );
    return undefined;
  }
  return found;
}
