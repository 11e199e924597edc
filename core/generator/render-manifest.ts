import type { AddonPlan } from './addon-plan.js';
import { pyStr, pyValue } from './python-literal.js';
import { reportDataFile, reportedModels } from './render-reports.js';
import { SEQUENCE_DATA_FILE, sequencedModels } from './render-sequences.js';
import { STAGE_DATA_FILE, stageModels } from './render-stages.js';
import { CRON_DATA_FILE, scheduledJobs } from './render-scheduled.js';
import { MAIL_DATA_FILE, mailTemplates } from './render-mail-templates.js';
import { wizardDataFiles } from './render-wizard.js';
import { SETTINGS_VIEWS_FILE } from './render-settings.js';
import { companyModels } from './render-company.js';
import { dataRecordModels } from './render-data.js';

/** The data files of the addon, in the order Odoo must load them. */
export function dataFiles(plan: AddonPlan): string[] {
  const files: string[] = [];
  if (plan.groups.length > 0 || (plan.spec.security?.rules ?? []).length > 0 || companyModels(plan).length > 0) files.push('security/security.xml');
  if (plan.models.length > 0) files.push('security/ir.model.access.csv');
  if (sequencedModels(plan).length > 0) files.push(SEQUENCE_DATA_FILE);
  if (stageModels(plan).length > 0) files.push(STAGE_DATA_FILE);
  files.push(...dataRecordModels(plan).map((entry) => entry.file));
  if (plan.models.some((model) => mailTemplates(plan, model).length > 0)) files.push(MAIL_DATA_FILE);
  if (plan.models.some((model) => scheduledJobs(plan, model).length > 0)) files.push(CRON_DATA_FILE);
  files.push(...wizardDataFiles(plan));
  for (const model of plan.models) files.push(`views/${model.fileStem}_views.xml`);
  for (const model of reportedModels(plan)) files.push(reportDataFile(model));
  for (const extension of plan.extensions) if (extension.extensionView) files.push(`views/${extension.fileStem}_views.xml`);
  if ((plan.spec.settings ?? []).length > 0) files.push(SETTINGS_VIEWS_FILE);
  if (plan.menus.items.length > 0) files.push('views/menus.xml');
  return files;
}

export function demoFiles(plan: AddonPlan): string[] {
  return Object.keys(plan.spec.demo ?? {}).length > 0 ? ['demo/demo.xml'] : [];
}

/** `__manifest__.py` with the keys in OCA's order. */
export function renderManifest(plan: AddonPlan): string {
  const meta = plan.spec.module;
  const entries: [string, string][] = [
    ['name', pyStr(meta.title)],
    ['summary', pyStr(meta.summary ?? meta.title)],
    ['version', pyStr(plan.version)],
    ['category', pyStr(meta.category ?? 'Uncategorized')],
    ['website', meta.website ? pyStr(meta.website) : ''],
    ['author', pyStr(meta.author ?? 'Odoo Forge')],
    ['license', pyStr(meta.license ?? 'LGPL-3')],
    ['application', pyValue(meta.application ?? false)],
    ['installable', 'True'],
    ['depends', pyList(plan.depends)],
    ['data', pyList(dataFiles(plan))],
    ['demo', demoFiles(plan).length > 0 ? pyList(demoFiles(plan)) : ''],
  ];
  const body = entries
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `    ${pyStr(key)}: ${value},`)
    .join('\n');
  return `${licenseHeader(plan)}{\n${body}\n}\n`;
}

function pyList(items: string[]): string {
  if (items.length === 0) return '[]';
  return `[\n${items.map((item) => `        ${pyStr(item)},`).join('\n')}\n    ]`;
}

const LICENSE_URLS: Record<string, string> = {
  'LGPL-3': 'LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).',
  'AGPL-3': 'AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).',
  'GPL-3': 'GPL-3.0 (https://www.gnu.org/licenses/gpl).',
};

/** The license comment OCA puts at the top of every Python file (no year: output is deterministic). */
export function licenseHeader(plan: AddonPlan): string {
  const license = plan.spec.module.license ?? 'LGPL-3';
  return `# License ${LICENSE_URLS[license] ?? `${license}.`}\n\n`;
}
