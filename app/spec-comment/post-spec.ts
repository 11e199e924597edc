import type { ForgeConfig } from '../config/forge-config.js';
import { addLabel, comment, type RepoTarget } from '../github/repo-target.js';
import type { ModuleSpec } from '../../core/spec/module-spec.js';
import { renderSpecComment, type SpecOrigin } from './spec-comment.js';

/** Posts spec version `version` as a new comment (older versions are never edited) and labels the issue. */
export async function postSpec(
  target: RepoTarget,
  issueNumber: number,
  version: number,
  spec: ModuleSpec,
  yaml: string,
  origin: SpecOrigin,
  config: ForgeConfig,
): Promise<void> {
  await comment(target, issueNumber, renderSpecComment(version, spec, yaml, origin));
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
