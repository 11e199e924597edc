import { z } from 'zod';
import { environmentsSchema } from './environments.js';

/** `.github/odoo-forge.yml`: every key is optional; missing keys take these defaults. */
export const forgeConfigSchema = z.strictObject({
  odoo: z
    .enum(['18.0', '17.0', '16.0'], { error: 'expected "18.0", "17.0" or "16.0" (quoted)' })
    .default('18.0'),
  addons_path: z
    .string()
    .regex(/^(\.|[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*)$/, {
      error: 'expected a relative folder such as "addons" or "." (no leading slash, no "..")',
    })
    .refine((path) => !path.split('/').includes('..') && !path.startsWith('.github'), {
      error: 'must stay inside the repository and outside .github',
    })
    .default('.'),
  branch_prefix: z
    .string()
    .regex(/^[A-Za-z0-9._-]+\/$/, { error: 'expected a prefix ending with "/", such as "forge/"' })
    .default('forge/'),
  labels: z
    .strictObject({
      request: z.string().min(1).default('module-request'),
      spec: z.string().min(1).default('forge:spec'),
      approved: z.string().min(1).default('forge:approved'),
      cancelled: z.string().min(1).default('forge:cancelled'),
    })
    .default({
      request: 'module-request',
      spec: 'forge:spec',
      approved: 'forge:approved',
      cancelled: 'forge:cancelled',
    }),
  approvers: z
    .array(
      z.string().regex(/^@?[A-Za-z0-9-]+$/, {
        error: 'expected a GitHub login such as "octocat" (teams are not supported)',
      }),
    )
    .default([]),
  llm: z
    .strictObject({
      model: z.string().min(1).default('claude-sonnet-4-6'),
      monthly_token_budget: z.number().int().nonnegative().default(2_000_000),
      max_attempts: z.number().int().min(1).max(5).default(3),
    })
    .default({ model: 'claude-sonnet-4-6', monthly_token_budget: 2_000_000, max_attempts: 3 }),
  environments: environmentsSchema,
  /** The repair loop on Forge's pull requests (docs/repair.md). */
  repair: z
    .strictObject({ max_attempts: z.number().int().min(0).max(10).default(3) })
    .default({ max_attempts: 3 }),
});

export type ForgeConfig = z.infer<typeof forgeConfigSchema>;

export const defaultForgeConfig: ForgeConfig = forgeConfigSchema.parse({});

export type ParseConfigResult = { ok: true; config: ForgeConfig } | { ok: false; errors: string[] };

/** Validates the parsed YAML of the config file; errors name the key and what is expected. */
export function parseForgeConfig(raw: unknown): ParseConfigResult {
  const parsed = forgeConfigSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.') || '(top level)';
      const keys =
        issue.code === 'unrecognized_keys'
          ? `: unknown key ${issue.keys.map((k) => `\`${k}\``).join(', ')}`
          : `: ${issue.message}`;
      return `\`${path}\`${keys}`;
    }),
  };
}
