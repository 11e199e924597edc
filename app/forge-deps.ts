import type { ModuleSpec } from '../core/spec/module-spec.js';
import type { SpecDrafter } from '../core/llm/spec-drafter.js';
import type { RepairDeps } from './repair/repair-deps.js';

/** The files the onboarding pull request adds, read once by the composition root. */
export interface OnboardingTemplates {
  issueForm: string;
  config: string;
  /** templates/workflows/odoo-forge.yml: shown in the pull request, never committed by the app. */
  workflow: string;
}

/** Everything the handlers need, created by the composition root (app/main.ts or a test). */
export interface ForgeDeps {
  /** Undefined when no Anthropic key is configured: specs then come only from the form's YAML. */
  drafter: SpecDrafter | undefined;
  templates: OnboardingTemplates;
  /** core's generator: spec → files relative to the addon folder. */
  generate: (spec: ModuleSpec) => Map<string, string>;
  /** The repair loop's model and checker (docs/repair.md); undefined: deterministic fixes only. */
  repair?: RepairDeps | undefined;
}
