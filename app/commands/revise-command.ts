import { comment } from '../github/repo-target.js';
import { loadLatestSpec } from '../spec-comment/load-latest-spec.js';
import { postDraftResult } from '../spec-comment/post-draft-result.js';
import { specYamlOf } from '../spec-comment/spec-comment.js';
import type { ForgeCommand } from './forge-command.js';

/** `/revise <what to change>`: the model edits the latest spec; the result is a new spec version. */
export const reviseCommand: ForgeCommand = {
  name: 'revise',
  synopsis: '/revise <what to change>',
  summary: 'Ask the model to change the latest spec; posts a new spec version.',
  requirement: 'write',
  whenCancelled: 'refuse',
  parse: (args) =>
    args.trim() === ''
      ? { ok: false, error: 'say what to change, e.g. `/revise add a due date to loans`' }
      : { ok: true, args: args.trim() },
  run: async (context, instruction) => {
    const { target, config, issueNumber, deps } = context;
    if (!deps.drafter) {
      await comment(
        target,
        context.threadNumber,
        'This installation has no language model configured, so `/revise` is not available. Edit the YAML of the latest spec comment instead: I validate every edit.',
      );
      return;
    }
    const latest = await loadLatestSpec(target, issueNumber, context.issueComments);
    if (latest.kind === 'none') {
      await comment(target, context.threadNumber, 'There is no spec to revise yet.');
      return;
    }
    // An invalid latest spec (a bad hand edit) goes to the model as it is, so it can be repaired.
    const currentYaml = latest.kind === 'valid' ? latest.yaml : (specYamlOf(latest.comment.body) ?? '');
    const result = await deps.drafter.revise(currentYaml, instruction, {
      installationId: target.installationId,
      model: config.llm.model,
      maxAttempts: config.llm.max_attempts,
      monthlyTokenBudget: config.llm.monthly_token_budget,
    });
    await postDraftResult(result, {
      target,
      config,
      issueNumber,
      version: latest.comment.version + 1,
      origin: { kind: 'revise', by: context.sender, model: config.llm.model },
      threadNumber: context.threadNumber,
      invalid: {
        title: (attempts) => `The model did not produce a valid revision in ${attempts} attempts`,
        advice: 'Try a more precise instruction, or edit the YAML of the latest spec comment yourself.',
      },
    });
  },
};
