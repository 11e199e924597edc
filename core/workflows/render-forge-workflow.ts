import { parseDocument, type Document } from 'yaml';
import { ForgeError } from '../errors/forge-error.js';

/** What a repository chooses in its copy of the Forge workflow. */
export interface ForgeWorkflowChoices {
  /** Branches whose pushes are checked too (pull requests always are): e.g. the default branch. */
  branches: string[];
  /** Odoo series the tests job runs on, one job each: `18.0`, `17.0`, `16.0`. */
  series: string[];
  /**
   * The tests job's `runs-on` labels (default in the template: self-hosted, linux, odoo-forge).
   * An ARC runner scale set is chosen by its name alone on github.com: give `[<scale set name>]`.
   */
  runsOn?: string[];
}

const SERIES = /^\d{2}\.0$/;

/**
 * The Forge workflow (templates/workflows/odoo-forge.yml) with a repository's branches and Odoo
 * series filled in; comments and layout of the template are kept, so the result reads as the
 * documented template does.
 */
export function renderForgeWorkflow(template: string, choices: ForgeWorkflowChoices): string {
  const branches = choices.branches.map((b) => b.trim()).filter((b) => b !== '');
  if (branches.length === 0)
    throw new ForgeError('input.workflow-branches', 'No branch given for the workflow’s push trigger.', {
      hint: 'Name at least one branch, e.g. the default branch: --branch main.',
    });
  const bad = choices.series.find((s) => !SERIES.test(s));
  if (bad !== undefined || choices.series.length === 0)
    throw new ForgeError(
      'input.workflow-series',
      `Odoo series ${JSON.stringify(bad ?? '')} for the workflow’s tests job is not a series like 18.0.`,
      { hint: 'Give series such as 18.0 or 17.0,18.0 (Forge supports 16.0, 17.0 and 18.0).' },
    );
  const doc = parseDocument(template);
  setFlow(doc, ['on', 'push', 'branches'], branches);
  setFlow(doc, ['jobs', 'tests', 'strategy', 'matrix', 'odoo'], [...new Set(choices.series)]);
  const runsOn = (choices.runsOn ?? []).map((l) => l.trim()).filter((l) => l !== '');
  if (runsOn.length === 1) doc.setIn(['jobs', 'tests', 'runs-on'], runsOn[0]);
  else if (runsOn.length > 1) setFlow(doc, ['jobs', 'tests', 'runs-on'], runsOn);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, singleQuote: true });
}

function setFlow(doc: Document, path: string[], values: string[]): void {
  if (!doc.hasIn(path))
    throw new ForgeError('workflow.template', `The workflow template has no ${path.join('.')}.`, {
      hint: 'templates/workflows/odoo-forge.yml was changed: restore its on.push.branches and tests matrix.',
    });
  const node = doc.createNode(values, { flow: true });
  doc.setIn(path, node);
}
