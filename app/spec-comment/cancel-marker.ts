/**
 * The record of `/cancel` and `/reopen` is kept on GitHub, in the app's own answers: a marker in
 * the `/cancel` answer (with the pull request it closed) and one in the `/reopen` answer. The
 * latest of them decides, so every replica and a restarted app read the same state, and a person
 * cannot fake it (only comments written by the app count). The `forge:cancelled` label shows it.
 */
const CANCEL = /<!--\s*odoo-forge:cancelled(?:\s+pr=(\d+))?\s*-->/;
const REOPEN = /<!--\s*odoo-forge:reopened\s*-->/;

/** The `/cancel` that stopped a request. */
export interface CancelRecord {
  /** The pull request `/cancel` closed, if there was one. */
  pullNumber: number | undefined;
  /** The answer to `/cancel`, to link to. */
  url: string;
}

export function cancelMarker(pullNumber: number | undefined): string {
  return `<!-- odoo-forge:cancelled${pullNumber !== undefined ? ` pr=${pullNumber}` : ''} -->`;
}

export const REOPEN_MARKER = '<!-- odoo-forge:reopened -->';

/**
 * Follows the app's comments in order: a `/cancel` answer cancels, a `/reopen` answer restores.
 * Returns the cancel in force, if any.
 */
export function cancelStateOf(botComments: Array<{ body: string; url: string }>): CancelRecord | undefined {
  let state: CancelRecord | undefined;
  for (const { body, url } of botComments) {
    const cancel = CANCEL.exec(body);
    if (cancel) state = { pullNumber: cancel[1] ? Number(cancel[1]) : undefined, url };
    else if (REOPEN.test(body)) state = undefined;
  }
  return state;
}

/** The answer to anything asked of a cancelled request: how to reopen it. */
export function cancelledAnswer(what: string, cancel: CancelRecord): string {
  return `🛑 ${what}: this request was [cancelled](${cancel.url}). Someone with write access can comment \`/reopen\` to restore it, then try again.`;
}
