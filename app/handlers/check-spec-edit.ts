import { comment, type RepoTarget } from '../github/repo-target.js';
import { cancelledAnswer } from '../spec-comment/cancel-marker.js';
import { findSpecComments, latestSpec } from '../spec-comment/find-spec-comments.js';
import { validateSpecComment } from '../spec-comment/load-latest-spec.js';
import { specErrorsComment } from '../spec-comment/post-spec.js';
import { specVersionOf, specYamlOf } from '../spec-comment/spec-comment.js';

export interface EditedComment {
  id: number;
  body: string;
  previousBody: string | undefined;
  authorIsBot: boolean;
  url: string;
}

/**
 * A person edited a comment. When it is the latest spec comment and its YAML changed, the YAML
 * is validated again and the answer says whether `/approve` can use it; any other edited
 * comment (an older spec, a command) is ignored. While the request is cancelled the answer says
 * how to reopen it instead.
 */
export async function checkSpecEdit(
  target: RepoTarget,
  issueNumber: number,
  edited: EditedComment,
  editor: string,
): Promise<void> {
  const version = specVersionOf(edited.body);
  if (!edited.authorIsBot || version === undefined) return;
  if (edited.previousBody !== undefined && specYamlOf(edited.previousBody) === specYamlOf(edited.body))
    return;
  const comments = await findSpecComments(target, issueNumber);
  const latest = latestSpec(comments);
  if (!latest || latest.id !== edited.id) return;
  if (comments.cancelled) {
    await comment(
      target,
      issueNumber,
      cancelledAnswer(
        `I did not check @${editor}'s edit of [spec v${version}](${edited.url})`,
        comments.cancelled,
      ),
    );
    return;
  }
  const checked = validateSpecComment(latest);
  if (checked.kind === 'valid') {
    await comment(
      target,
      issueNumber,
      `✅ @${editor}'s edit of [spec v${version}](${edited.url}) is valid: \`/approve\` will use it (\`${checked.spec.module.name}\`, Odoo ${checked.spec.odoo}).`,
    );
  } else if (checked.kind === 'invalid') {
    await comment(
      target,
      issueNumber,
      specErrorsComment(
        `@${editor}'s edit of spec v${version} is not valid`,
        checked.errors,
        `Line numbers count from the first line of the YAML block in [spec v${version}](${edited.url}). Fix it there; \`/approve\` refuses an invalid spec.`,
      ),
    );
  }
}
