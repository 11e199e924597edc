import type { ModuleSpec } from './module-spec.js';
import { checkComodels } from './references/check-comodels.js';
import { checkCompanies } from './references/check-company.js';
import { checkComputedFields } from './references/check-computed-fields.js';
import { checkDataRecords } from './references/check-data-records.js';
import { checkExternalRefs } from './references/check-external-refs.js';
import { checkFields } from './references/check-fields.js';
import { checkModelRules } from './references/check-model-rules.js';
import { checkNames } from './references/check-names.js';
import { checkRecordConstraints } from './references/check-record-constraints.js';
import { checkRenames } from './references/check-renames.js';
import { checkPythonConstraints } from './references/check-python-constraints.js';
import { checkMailTemplates } from './references/check-mail.js';
import { checkScheduled } from './references/check-scheduled.js';
import { checkSecurity } from './references/check-security.js';
import { checkReports } from './references/check-reports.js';
import { checkSequences } from './references/check-sequences.js';
import { checkSettings } from './references/check-settings.js';
import { checkStages } from './references/check-stages.js';
import { checkTestsAndDemo } from './references/check-tests-and-demo.js';
import { checkViews } from './references/check-views.js';
import { checkWizards } from './references/check-wizards.js';
import { checkMoreViews } from './references/check-more-views.js';
import { sortByDocumentOrder } from './references/sort-by-document-order.js';
import { SpecModelIndex } from './references/spec-model-index.js';
import { withStageFields } from './stage-fields.js';
import { withCompanyFields } from './company-fields.js';

/** A cross-reference problem: `pathKeys` is the path as keys, formatted by the caller. */
export interface SpecReferenceError {
  pathKeys: (string | number)[];
  message: string;
}

/**
 * Checks every cross-reference of a structurally valid spec and returns every problem found
 * (never only the first): names, field keys and defaults, relations, computed fields, model
 * rules, views and menus, security, demo data and tests; in the order of the spec's text.
 */
export function checkSpecReferences(written: ModuleSpec): SpecReferenceError[] {
  // The stage models' fields (ModuleSpec 1.1 stages) are checked as the generator writes them.
  // ModuleSpec 1.1 multi-company: company_id is checked as the generator writes it.
  const spec = withCompanyFields(withStageFields(written));
  const index = new SpecModelIndex(spec);
  const errors = [
    ...checkNames(spec),
    ...checkFields(index),
    ...checkComodels(spec, index),
    ...checkExternalRefs(spec, index),
    ...checkComputedFields(index),
    ...checkModelRules(spec, index),
    ...checkViews(spec, index),
    ...checkSecurity(spec, index),
    ...checkTestsAndDemo(spec, index),
    ...checkRecordConstraints(spec),
    ...checkSequences(spec),
    ...checkReports(spec),
    ...checkPythonConstraints(spec),
    ...checkRenames(spec),
    ...checkStages(written),
    ...checkScheduled(spec, index),
    ...checkMailTemplates(spec),
    ...checkWizards(spec),
    ...checkSettings(spec),
    ...checkMoreViews(spec, index),
    ...checkCompanies(written),
    ...checkDataRecords(spec, index),
  ];
  return sortByDocumentOrder(spec, errors);
}
