import type { ForgeConfig } from '../../core/config/forge-config.js';
import type { ForgeDeps } from '../forge-deps.js';
import type { RepoTarget } from '../github/repo-target.js';
import type { Requirement } from '../permissions/check-permission.js';
import type { IssueComments } from '../spec-comment/find-spec-comments.js';

/** Where and by whom a command was given. */
export interface CommandContext {
  target: RepoTarget;
  config: ForgeConfig;
  /** The module-request issue the command is about (for a PR: the issue it closes). */
  issueNumber: number;
  /** The issue or pull request the comment was written on (answers go there). */
  threadNumber: number;
  /** Set when the comment was written on a pull request. */
  pullNumber: number | undefined;
  /** The repository's default branch: the base of Forge's pull requests. */
  defaultBranch: string;
  sender: string;
  commentId: number;
  deps: ForgeDeps;
  /** Usage text of every command, for `/help` and for errors. */
  usage: string;
  /** The request issue's comments when this piece of work has read them already (one listing). */
  issueComments?: IssueComments | undefined;
}

/** The result of parsing a command's arguments. */
export type ParsedArgs = { ok: true; args: string } | { ok: false; error: string };

/** One chat-ops command; the registry maps its name to it. */
export interface ForgeCommand {
  name: string;
  /** e.g. "/revise <what to change>" */
  synopsis: string;
  summary: string;
  requirement: Requirement;
  /** Who may, for `/help`, when the command checks more than `requirement` itself (per environment). */
  whoMay?: string;
  /**
   * What happens while the request is cancelled: `refuse` answers with how to `/reopen` it and
   * does nothing else (also for a command queued before the cancel); `run` runs anyway.
   */
  whenCancelled: 'refuse' | 'run';
  parse(args: string): ParsedArgs;
  run(context: CommandContext, args: string): Promise<void>;
}

export const noArguments =
  (name: string) =>
  (args: string): ParsedArgs =>
    args.trim() === '' ? { ok: true, args: '' } : { ok: false, error: `\`/${name}\` takes no arguments` };
