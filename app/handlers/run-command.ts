import { ForgeError } from '../../core/errors/forge-error.js';
import type { CommandContext, ForgeCommand } from '../commands/forge-command.js';
import type { CommandRegistry } from '../commands/command-registry.js';
import type { CommandLine } from '../commands/parse-command-line.js';
import { comment } from '../github/repo-target.js';
import { checkPermission } from '../permissions/check-permission.js';
import { cancelledAnswer } from '../spec-comment/cancel-marker.js';
import { findSpecComments, type IssueComments } from '../spec-comment/find-spec-comments.js';

/** A command that may run, or the answer that says why it may not. */
type Admission =
  | { ok: true; command: ForgeCommand; args: string; comments: IssueComments | undefined }
  | { ok: false; answer: string };

/** Dispatches one command: admit it (or answer the refusal), then run it. */
export async function runCommand(
  registry: CommandRegistry,
  line: CommandLine,
  context: CommandContext,
): Promise<void> {
  const admission = await admit(registry, line, context);
  if (!admission.ok) {
    await comment(context.target, context.threadNumber, admission.answer);
    return;
  }
  const { command, args, comments } = admission;
  try {
    await command.run({ ...context, issueComments: comments }, args);
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

/**
 * Look up, parse, check permission, check that the request is not cancelled. The cancel is read
 * from GitHub when the work starts, so a command queued before a `/cancel` is dropped too.
 */
async function admit(
  registry: CommandRegistry,
  line: CommandLine,
  context: CommandContext,
): Promise<Admission> {
  const command = registry.get(line.name);
  if (!command)
    return {
      ok: false,
      answer: `I do not know \`/${line.name}\`. These are the commands I answer to:\n\n${context.usage}`,
    };
  const parsed = command.parse(line.args);
  if (!parsed.ok)
    return { ok: false, answer: `${parsed.error}.\n\nUsage: \`${command.synopsis}\` — ${command.summary}` };
  const decision = await checkPermission(context.target, context.sender, command.requirement, context.config);
  if (!decision.allowed)
    return {
      ok: false,
      answer: `Sorry @${context.sender}, \`/${command.name}\` may only be used by ${decision.who}. Ask one of them to comment \`${command.synopsis}\`.`,
    };
  if (command.whenCancelled === 'run') return { ok: true, command, args: parsed.args, comments: undefined };
  const comments = await findSpecComments(context.target, context.issueNumber);
  if (comments.cancelled)
    return { ok: false, answer: cancelledAnswer(`\`/${command.name}\` did nothing`, comments.cancelled) };
  return { ok: true, command, args: parsed.args, comments };
}
