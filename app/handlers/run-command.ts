import { ForgeError } from '../../core/errors/forge-error.js';
import type { CommandContext } from '../commands/forge-command.js';
import type { CommandRegistry } from '../commands/command-registry.js';
import type { CommandLine } from '../commands/parse-command-line.js';
import { comment } from '../github/repo-target.js';
import { checkPermission } from '../permissions/check-permission.js';

/** Dispatches one command: look up, parse, check permission, run. Answers every refusal. */
export async function runCommand(
  registry: CommandRegistry,
  line: CommandLine,
  context: CommandContext,
): Promise<void> {
  const command = registry.get(line.name);
  if (!command) {
    await comment(
      context.target,
      context.threadNumber,
      `I do not know \`/${line.name}\`. These are the commands I answer to:\n\n${context.usage}`,
    );
    return;
  }
  const parsed = command.parse(line.args);
  if (!parsed.ok) {
    await comment(
      context.target,
      context.threadNumber,
      `${parsed.error}.\n\nUsage: \`${command.synopsis}\` — ${command.summary}`,
    );
    return;
  }
  const decision = await checkPermission(context.target, context.sender, command.requirement, context.config);
  if (!decision.allowed) {
    await comment(
      context.target,
      context.threadNumber,
      `Sorry @${context.sender}, \`/${command.name}\` may only be used by ${decision.who}. Ask one of them to comment \`${command.synopsis}\`.`,
    );
    return;
  }
  try {
    await command.run(context, parsed.args);
  } catch (thrown) {
    // Say so in the thread (people wait for an answer), then let the queue log the error once.
    const reason =
      thrown instanceof ForgeError
        ? `${thrown.message}${thrown.hint ? ` (${thrown.hint})` : ''}`
        : 'an unexpected error; the app logged it';
    await comment(
      context.target,
      context.threadNumber,
      `⚠️ \`/${command.name}\` failed: ${reason}. Nothing else was changed after that point; you can run it again.`,
    ).catch(() => undefined);
    throw thrown;
  }
}
