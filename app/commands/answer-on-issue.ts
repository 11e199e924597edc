import { comment } from '../github/repo-target.js';
import type { CommandContext } from './forge-command.js';

/**
 * Answers a command whose answer is also a record (a marker the app reads back later): the
 * record goes on the request issue, where it is read; a command given on the pull request gets
 * a short pointer there too.
 */
export async function answerOnIssue(context: CommandContext, marker: string, text: string): Promise<void> {
  const { url } = await comment(context.target, context.issueNumber, `${marker}\n${text}`);
  if (context.threadNumber !== context.issueNumber)
    await comment(context.target, context.threadNumber, `${text} ([on #${context.issueNumber}](${url}))`);
}
