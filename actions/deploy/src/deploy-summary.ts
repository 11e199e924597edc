import type { BackupEntry } from '../../../runner/backup/backup-manifest.js';
import { describeBrowserCheck } from '../../../runner/deploy/deploy-browser-check.js';
import type { DeploymentEvent } from './deployment-event.js';
import type { TaskOutcome } from './task-outcome.js';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function drillOf(entry: BackupEntry): string {
  const { drill } = entry;
  if (!drill) return 'not drilled yet';
  return drill.passed
    ? `passed (${drill.tablesCompared} tables, ${drill.filesCompared} files compared)`
    : `FAILED: ${drill.problems.slice(0, 3).join('; ')}`;
}

function backupSection(outcome: TaskOutcome, heading: string): string[] {
  const entry = outcome.backup;
  if (!entry)
    return outcome.backupId
      ? [`### ${heading}`, '', `Backup \`${outcome.backupId}\` (its manifest could not be read back).`, '']
      : [];
  const { manifest } = entry;
  return [
    `### ${heading}`,
    '',
    '| Backup | Part | Key | Size | sha256 |',
    '| --- | --- | --- | --- | --- |',
    `| \`${manifest.id}\` | database dump | \`${cell(manifest.dump.key)}\` | ${size(manifest.dump.bytes)} | \`${manifest.dump.sha256.slice(0, 12)}\` |`,
    `| | filestore (${Object.keys(manifest.filestore.files).length} files) | \`${cell(manifest.filestore.key)}\` | ${size(manifest.filestore.bytes)} | \`${manifest.filestore.sha256.slice(0, 12)}\` |`,
    '',
    `Taken ${manifest.createdAt} (${manifest.reason}) in ${manifest.seconds.toFixed(1)} s; restore drill: ${drillOf(entry)}.`,
    '',
  ];
}

function updateSection(outcome: TaskOutcome): string[] {
  const { plan } = outcome;
  if (!plan) return [];
  const list = (names: string[]) => (names.length ? names.map((n) => `\`${n}\``).join(', ') : '-');
  return [
    '### Update',
    '',
    '| Installed (-i) | Updated (-u) | Unchanged |',
    '| --- | --- | --- |',
    `| ${list(plan.install)} | ${list(plan.update)} | ${list(plan.unchanged)} |`,
    '',
  ];
}

/** What the menus browser check did: menus, steps and failures, each failure with its step. */
function browserCheckLines(outcome: TaskOutcome): string[] {
  if (!outcome.browserCheck) return [];
  const [head = '', ...failures] = describeBrowserCheck(outcome.browserCheck);
  return [
    `${head.replace(/^browser check: /, 'Browser check of the menus: ')}.`,
    ...(failures.length ? ['', ...failures.map((f) => `- ${cell(f)}`)] : []),
    '',
  ];
}

function healthSection(outcome: TaskOutcome): string[] {
  if (outcome.ok)
    return [
      '### Health',
      '',
      `\`/web/health\` answers \`pass\`, every addon is installed at its manifest version, no ERROR in the update log.`,
      '',
      ...browserCheckLines(outcome),
    ];
  return [
    '### Problems',
    '',
    ...outcome.problems.map((p) => `- ${cell(p)}`),
    '',
    ...browserCheckLines(outcome),
    ...(outcome.logTail
      ? [
          '<details><summary>The end of the update log</summary>',
          '',
          '```',
          outcome.logTail,
          '```',
          '',
          '</details>',
          '',
        ]
      : []),
  ];
}

/** The markdown of the job summary: what ran, the backup, the update, the health, and the outcome. */
export function deploySummary(
  event: DeploymentEvent,
  environment: string,
  outcome: TaskOutcome,
  extra: { environmentUrl: string; statusNote?: string; mailsCaught?: number },
): string {
  const verdict = outcome.ok ? '✅' : '❌';
  const payload = event.payload;
  const who = [
    (payload?.requester ?? event.creator) ? `requested by @${payload?.requester ?? event.creator}` : '',
    payload?.pull_request ? `pull request #${payload.pull_request}` : '',
    payload?.addons.length ? `addons ${payload.addons.map((a) => `\`${a}\``).join(', ')}` : '',
  ].filter(Boolean);
  return [
    `## ${verdict} Odoo Forge ${event.task} on ${environment}: ${outcome.outcome}`,
    '',
    `Deployment ${event.id} of \`${event.ref}\` (\`${event.sha.slice(0, 12)}\`)${who.length ? `, ${who.join(', ')}` : ''}; ${outcome.seconds.toFixed(1)} s.`,
    `${outcome.ok ? 'Serving' : 'Still serving the previous release'} at ${extra.environmentUrl}.`,
    '',
    ...(outcome.recovered
      ? [
          `An unfinished deploy ${outcome.recovered.deployId} (stopped in "${outcome.recovered.phase}") was rolled back first${outcome.recovered.restoredBackup ? `: backup \`${outcome.recovered.restoredBackup}\` restored` : ''}.`,
          '',
        ]
      : []),
    ...backupSection(
      outcome,
      event.task === 'deploy:rollback' ? 'Backup restored' : 'Backup before the change',
    ),
    ...updateSection(outcome),
    ...healthSection(outcome),
    ...(extra.mailsCaught !== undefined
      ? [`Mails caught by the environment's mail catcher: ${extra.mailsCaught}.`, '']
      : []),
    ...(extra.statusNote ? [`> ${extra.statusNote}`, ''] : []),
  ].join('\n');
}
