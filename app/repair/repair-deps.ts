import type { Finding } from '../../core/findings/finding.js';
import type { LlmRepairer } from '../../core/repair/llm-repairer.js';

/**
 * Runs the Forge checker over an addon held in memory (`files` relative to the addon folder,
 * named `module`). The composition root brings it: core's checker needs a Python parser, which
 * the app does not own.
 */
export type AddonChecker = (files: Map<string, string>, module: string) => Promise<Finding[]>;

/** What the repair loop needs besides GitHub. */
export interface RepairDeps {
  /** Undefined without an Anthropic key: only deterministic fixes. */
  repairer: LlmRepairer | undefined;
  /** Undefined: a model's edits cannot be checked, so none is pushed. */
  checkAddon: AddonChecker | undefined;
}
