import type { ModuleSpec } from '../../core/spec/module-spec.js';
import { parseSpec } from '../../core/spec/parse-spec.js';
import { formatSpecError } from '../../core/llm/spec-drafter.js';
import type { RepoTarget } from '../github/repo-target.js';
import { findSpecComments, latestSpec, type IssueComments } from './find-spec-comments.js';
import { specYamlOf, type SpecComment } from './spec-comment.js';

export type LatestSpec =
  | { kind: 'none' }
  | { kind: 'invalid'; comment: SpecComment; errors: string[] }
  | { kind: 'valid'; comment: SpecComment; spec: ModuleSpec; yaml: string };

/**
 * The latest spec comment of an issue, its YAML re-validated (a maintainer may have edited it).
 * `known`: the issue's comments when the caller has just read them.
 */
export async function loadLatestSpec(
  target: RepoTarget,
  issueNumber: number,
  known?: IssueComments,
): Promise<LatestSpec> {
  const latest = latestSpec(known ?? (await findSpecComments(target, issueNumber)));
  if (!latest) return { kind: 'none' };
  return validateSpecComment(latest);
}

export function validateSpecComment(specComment: SpecComment): LatestSpec {
  const yaml = specYamlOf(specComment.body);
  if (yaml === undefined)
    return { kind: 'invalid', comment: specComment, errors: ['the comment has no ```yaml block any more'] };
  const parsed = parseSpec(yaml);
  return parsed.ok
    ? { kind: 'valid', comment: specComment, spec: parsed.spec, yaml }
    : { kind: 'invalid', comment: specComment, errors: parsed.errors.map(formatSpecError) };
}
