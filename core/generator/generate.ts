import type { ModuleSpec } from '../spec/module-spec.js';
import { planAddon } from './addon-plan.js';
import { renderModelPython } from './render-model-python.js';
import { dataFiles, demoFiles, licenseHeader, renderManifest } from './render-manifest.js';
import { renderMenus } from './render-menus.js';
import { renderMigrations } from './render-migrations.js';
import { renderReadme } from './render-readme.js';
import { renderAccessCsv, renderSecurityXml } from './render-security.js';
import { renderDemo } from './render-demo.js';
import { dataRecordModels, renderDataRecords } from './render-data.js';
import { renderReportData, reportDataFile, reportedModels } from './render-reports.js';
import { renderSequenceData, SEQUENCE_DATA_FILE } from './render-sequences.js';
import { renderStageData, STAGE_DATA_FILE } from './render-stages.js';
import { CRON_DATA_FILE, renderCronData } from './render-scheduled.js';
import { MAIL_DATA_FILE, renderMailTemplateData } from './render-mail-templates.js';
import { renderModelTests } from './render-tests.js';
import { renderExtensionViews, renderModelViews } from './render-views.js';
import { renderWizardFiles } from './render-wizard.js';
import { renderSettingsPython, renderSettingsViews, SETTINGS_VIEWS_FILE } from './render-settings.js';
import { renderSettingsTest, SETTINGS_TEST_STEM } from './render-settings-test.js';

/**
 * Generates the addon for a validated spec: relative path (inside the addon folder, which is
 * named `spec.module.name`) → file contents. Pure and deterministic: same spec, same bytes,
 * entries sorted by path.
 */
export function generate(spec: ModuleSpec): Map<string, string> {
  const plan = planAddon(spec);
  const files = new Map<string, string>();
  const all = [...plan.models, ...plan.extensions];
  const header = licenseHeader(plan);
  files.set('__manifest__.py', renderManifest(plan));
  const wizardFiles = renderWizardFiles(plan, header);
  files.set('__init__.py', `${header}from . import models\n${wizardFiles.size > 0 ? 'from . import wizards\n' : ''}`);
  for (const [path, body] of wizardFiles) files.set(path, body);
  const settingsPython = renderSettingsPython(plan, header);
  const modelStems = [...all.map((model) => model.fileStem), ...[...settingsPython.keys()].map((path) => path.slice(7, -3))];
  files.set('models/__init__.py', `${header}${modelStems.map((stem) => `from . import ${stem}\n`).join('')}`);
  for (const [path, body] of settingsPython) files.set(path, body);
  for (const model of plan.models) {
    files.set(`models/${model.fileStem}.py`, renderModelPython(plan, model));
    files.set(`views/${model.fileStem}_views.xml`, renderModelViews(plan, model));
  }
  for (const extension of plan.extensions) {
    files.set(`models/${extension.fileStem}.py`, renderModelPython(plan, extension));
    if (extension.extensionView) files.set(`views/${extension.fileStem}_views.xml`, renderExtensionViews(plan, extension));
  }
  const data = dataFiles(plan);
  if (data.includes('security/security.xml')) files.set('security/security.xml', renderSecurityXml(plan));
  if (data.includes('security/ir.model.access.csv')) files.set('security/ir.model.access.csv', renderAccessCsv(plan));
  if (data.includes('views/menus.xml')) files.set('views/menus.xml', renderMenus(plan));
  if (data.includes(SEQUENCE_DATA_FILE)) files.set(SEQUENCE_DATA_FILE, renderSequenceData(plan));
  for (const model of reportedModels(plan)) files.set(reportDataFile(model), renderReportData(plan, model));
  if (data.includes(STAGE_DATA_FILE)) files.set(STAGE_DATA_FILE, renderStageData(plan));
  for (const entry of dataRecordModels(plan)) files.set(entry.file, renderDataRecords(plan, entry.model));
  if (data.includes(MAIL_DATA_FILE)) files.set(MAIL_DATA_FILE, renderMailTemplateData(plan));
  if (data.includes(CRON_DATA_FILE)) files.set(CRON_DATA_FILE, renderCronData(plan));
  if (data.includes(SETTINGS_VIEWS_FILE)) files.set(SETTINGS_VIEWS_FILE, renderSettingsViews(plan));
  if (demoFiles(plan).length > 0) files.set('demo/demo.xml', renderDemo(plan));
  const tested = all.filter((model) => model.kind === 'model' || (spec.tests ?? []).some((test) => test.create.model === model.name));
  const settingsTest = renderSettingsTest(plan, header);
  const testStems = [...tested.map((model) => model.fileStem), ...(settingsTest === undefined ? [] : [SETTINGS_TEST_STEM])];
  if (testStems.length > 0) {
    files.set('tests/__init__.py', `${header}${testStems.map((stem) => `from . import test_${stem}\n`).join('')}`);
    for (const model of tested) files.set(`tests/test_${model.fileStem}.py`, renderModelTests(plan, model));
    if (settingsTest !== undefined) files.set(`tests/test_${SETTINGS_TEST_STEM}.py`, settingsTest);
  }
  for (const [path, body] of renderMigrations(plan)) files.set(path, body);
  files.set('README.rst', renderReadme(plan));
  files.set('readme/DESCRIPTION.md', `${(spec.module.description ?? spec.module.summary ?? spec.module.title).trim()}\n`);
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
