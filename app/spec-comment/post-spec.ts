import type { ForgeConfig } from '../../core/config/forge-config.js';
import { addLabel, comment, type RepoTarget } from '../github/repo-target.js';
import type { ModuleSpec } from '../../core/spec/module-spec.js';
import { renderSpecComment, type SpecOrigin } from './spec-comment.js';

/** GitHub refuses comments longer than 65,536 characters. */
export const MAX_COMMENT_LENGTH = 65_536;

/**
 * Posts spec version `version` as a new comment (older versions are never edited) and labels the
 * issue. A spec too large for one comment is not posted: the answer says so and by how much.
 */
export async function postSpec(
  target: RepoTarget,
  issueNumber: number,
  version: number,
  spec: ModuleSpec,
  yaml: string,
  origin: SpecOrigin,
  config: ForgeConfig,
): Promise<void> {
  const body = renderSpecComment(version, spec, yaml, origin);
  if (body.length > MAX_COMMENT_LENGTH) {
    await comment(
      target,
      issueNumber,
      `❌ **Spec v${version} of \`${spec.module.name}\` is valid but too large for a GitHub comment** (${body.length.toLocaleString('en')} characters, the limit is ${MAX_COMMENT_LENGTH.toLocaleString('en')}). Split the module into smaller addons, or generate it locally with \`odoo-forge request\`.`,
    );
    return;
  }
  await comment(target, issueNumber, body);
  await addLabel(target, issueNumber, config.labels.spec);
}

/** The answer to a spec that does not validate: every error with its line. */
export function specErrorsComment(title: string, errors: string[], advice: string): string {
  return [
    `❌ **${title}**`,
    '',
    ...errors.slice(0, 30).map((e) => `- ${e}`),
    ...(errors.length > 30 ? [`- … and ${errors.length - 30} more`] : []),
    '',
    advice,
  ].join('\n');
}
