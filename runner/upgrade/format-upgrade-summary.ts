import { upgradeCheckName } from './upgrade-check-name.js';
import type { UpgradeResult } from './upgrade-result.js';

const MAX_LINES = 40;

/** The summary of `Odoo Forge / upgrade (<series>)` as Markdown: verdict, each loss with what it costs, what was carried. */
export function formatUpgradeSummary(result: UpgradeResult): string {
  const lines = [`## ${upgradeCheckName(result.series)}: ${result.ok ? 'success' : 'failure'}`, ''];
  for (const error of result.errors) lines.push(`- **${error}**`);
  if (result.updateErrors.length > 0) {
    lines.push('', 'The update logged errors:', '');
    for (const error of result.updateErrors.slice(0, MAX_LINES)) lines.push(`- \`${error}\``);
  }
  if (result.seeded.length > 0) {
    lines.push('', "Created on the base before the update, with the generated tests' values:", '');
    for (const seeded of result.seeded)
      lines.push(
        seeded.id === undefined
          ? `- ${seeded.model}: no record (${seeded.error ?? 'refused'})`
          : `- ${seeded.model} #${seeded.id}: ${seeded.fields.join(', ') || 'no field of its own'}${seeded.mail ? ' + a message and a follower' : ''}${seeded.error ? ` (${seeded.error})` : ''}`,
      );
  }
  for (const module of result.results) {
    const { losses, carried, survived } = module.comparison;
    lines.push(
      '',
      `### ${module.module} ${module.fromVersion} → ${module.toVersion}`,
      '',
      `${survived.records} record(s) and ${survived.values} value(s) survived the update; ${losses.length === 0 ? 'nothing was lost' : `${losses.length} loss(es)`}.`,
    );
    if (losses.length > 0) {
      lines.push('', '| what | model | field | records | values |', '| --- | --- | --- | --- | --- |');
      for (const loss of losses)
        lines.push(
          `| ${loss.kind} | ${loss.model} | ${loss.field ?? ''} | ${loss.records} | ${loss.values} |`,
        );
      lines.push('');
      for (const loss of losses) {
        lines.push(`- ${loss.model}${loss.field ? `.${loss.field}` : ''}: ${loss.message}`);
        for (const example of loss.examples) lines.push(`  - \`${example}\``);
      }
    }
    for (const carry of carried)
      lines.push(
        carry.kind === 'model-renamed'
          ? `- carried: model-renamed ${carry.from} → ${carry.to} (${carry.values} record(s))`
          : `- carried: ${carry.kind} ${carry.model}.${carry.field} (${carry.from} → ${carry.to}, ${carry.values} value(s))`,
      );
  }
  return `${lines.join('\n')}\n`;
}
