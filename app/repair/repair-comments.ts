import type { RepairFailure } from '../../core/repair/repair-failure.js';
import type { RecordedAttempt, StopReason } from '../../core/repair/repair-decision.js';

/** Where a failed run and the files it names are on GitHub. */
export interface RunLinks {
  owner: string;
  repo: string;
  headSha: string;
  runUrl: string;
}

const MAX_LISTED = 15;

/** A Markdown list of failures, each linked to its file at the failing commit. */
export function failureList(failures: readonly RepairFailure[], links: RunLinks): string {
  const lines = failures.slice(0, MAX_LISTED).map((f) => {
    const where = f.file
      ? ` in [\`${f.file}${f.line ? `:${f.line}` : ''}\`](https://github.com/${links.owner}/${links.repo}/blob/${links.headSha}/${f.file}${f.line ? `#L${f.line}` : ''})`
      : '';
    const message = f.message.split('\n')[0]?.slice(0, 300) ?? '';
    return `- \`${f.id}\`${where}: ${message}`;
  });
  if (failures.length > MAX_LISTED)
    lines.push(`- … and ${failures.length - MAX_LISTED} more in [the run](${links.runUrl})`);
  return lines.join('\n');
}

const STOP_WHY: Record<StopReason, string> = {
  'max-attempts': 'the configured number of attempts (`repair.max_attempts`) is used up',
  repeated: 'the failures are exactly those an earlier attempt answered: my fix changed nothing',
  grew: 'the failures grew: my last fix broke something else',
  stopped: '`/stop` was asked',
  'no-fix': 'I found no fix I could check',
};

/** The summary for a human when the loop stops. */
export function summaryComment(input: {
  marker: string;
  reason: StopReason;
  detail?: string;
  attempts: RecordedAttempt[];
  attemptLinks: Map<number, string>;
  failures: readonly RepairFailure[];
  links: RunLinks | undefined;
  by?: string;
}): string {
  const tried =
    input.attempts.length === 0
      ? 'No repair commit was pushed.'
      : input.attempts
          .map(
            (a) =>
              `- [attempt ${a.attempt}](${input.attemptLinks.get(a.attempt) ?? '#'}) answered run ${a.runId} (${a.failures.length} failure(s))`,
          )
          .join('\n');
  const still =
    input.failures.length > 0 && input.links
      ? `**Still failing** ([run](${input.links.runUrl})):\n${failureList(input.failures, input.links)}`
      : '';
  return [
    input.marker,
    `🧑‍🔧 **Repair stopped**${input.by ? ` by @${input.by}` : ''}: ${STOP_WHY[input.reason]}.${input.detail ? ` ${input.detail}` : ''}`,
    '',
    '**What was tried**',
    tried,
    '',
    still,
    '',
    'Over to a human: push a fix to this branch, or comment `/fix` for one more attempt.',
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}

/** The comment of one repair attempt: what changed and why, with the failures it answers. */
export function attemptComment(input: {
  marker: string;
  attempt: number;
  maxAttempts: number;
  method: 'deterministic' | 'model';
  why: string[];
  commitSha: string;
  edited: string[];
  failures: readonly RepairFailure[];
  links: RunLinks;
}): string {
  const commitUrl = `https://github.com/${input.links.owner}/${input.links.repo}/commit/${input.commitSha}`;
  return [
    input.marker,
    `🔧 **Repair attempt ${input.attempt} of ${input.maxAttempts}** (${input.method === 'model' ? 'from the model, checked by the Forge checker' : 'a deterministic fix'}): pushed [${input.commitSha.slice(0, 7)}](${commitUrl}); the checks run again.`,
    '',
    '**What changed and why**',
    ...input.why.map((w) => `- ${w}`),
    '',
    `**Files**: ${input.edited.map((p) => `\`${p}\``).join(', ')}`,
    '',
    `**The failures it answers** ([run](${input.links.runUrl})):`,
    failureList(input.failures, input.links),
    '',
    '`/stop` ends the repair loop; `/fix` asks for one more attempt.',
  ].join('\n');
}
