import { z } from 'zod';
import { ForgeError } from '../errors/forge-error.js';

const login = z.string().regex(/^@?[A-Za-z0-9-]+$/, {
  error: 'expected a GitHub login such as "octocat" (teams are not supported)',
});

/** One environment of `.github/odoo-forge.yml` (`environments.staging`, `environments.production`). */
export const environmentSchema = z
  .strictObject({
    branch: z
      .string()
      .regex(/^[A-Za-z0-9._/-]+$/, { error: 'expected a branch name such as "staging" or "main"' }),
    runner_labels: z
      .array(z.string().min(1, { error: 'expected a runner label such as "self-hosted"' }))
      .min(1, { error: 'expected at least one runner label, such as ["self-hosted", "odoo-staging"]' }),
    odoo: z.enum(['18.0', '17.0', '16.0'], { error: 'expected "18.0", "17.0" or "16.0" (quoted)' }),
    odoo_image: z.string().min(1).optional(),
    odoo_src: z.string().min(1).optional(),
    url: z.url({ error: 'expected the URL users open, such as "https://staging.example.com"' }).optional(),
    port: z.number().int().min(1).max(65535, { error: 'expected a TCP port from 1 to 65535' }).optional(),
    backup: z.strictObject({
      bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
        error: 'expected an S3 bucket name (3 to 63 lowercase letters, digits, dots and dashes)',
      }),
      endpoint: z.url({ error: 'expected the S3 endpoint URL, such as "https://s3.example.com"' }).optional(),
      region: z.string().min(1).optional(),
      prefix: z.string().optional(),
    }),
    approvers: z.array(login).optional(),
    /** Catch the environment's outgoing mail (default: every environment but `production`). */
    mail_catcher: z.boolean({ error: 'expected true or false' }).optional(),
    /** False: whoever asked for a deploy may not approve it in GitHub's environment protection. */
    allow_self_approval: z.boolean({ error: 'expected true or false' }).optional(),
    /** Open every menu of the deployed addons in Chromium as part of the deploy's health (default true). */
    browser_check: z.boolean({ error: 'expected true or false' }).optional(),
  })
  .refine((env) => !(env.odoo_image && env.odoo_src), {
    error: 'give either odoo_image or odoo_src, not both',
    path: ['odoo_image'],
  });

export type EnvironmentConfig = z.infer<typeof environmentSchema>;

/** `environments:` maps a name (`staging`) to its environment; names are lowercase words. */
const environmentName = /^[a-z][a-z0-9-]{0,30}$/;

export const environmentsSchema = z
  .record(z.string().regex(environmentName), environmentSchema, {
    error: (issue) =>
      issue.code === 'invalid_key'
        ? 'an environment name is a lowercase word such as "staging" (letters, digits, dashes)'
        : undefined,
  })
  .default({});

/**
 * The environment `name` of a parsed config; an unknown name is an input error that lists the
 * environments the config has, so nothing starts for a typo.
 */
export function environmentOf(
  environments: Record<string, EnvironmentConfig>,
  name: string,
  source: string,
): EnvironmentConfig {
  const found = Object.hasOwn(environments, name) ? environments[name] : undefined;
  if (found) return found;
  const known = Object.keys(environments);
  throw new ForgeError(
    'input.environment-unknown',
    `no environment "${name}" in ${source}: ${known.length ? `it has ${known.map((k) => `"${k}"`).join(', ')}` : 'it has no `environments:` section'}`,
    {
      hint: `add environments.${name} (branch, runner_labels, odoo, backup.bucket) to ${source}, or use a name it has`,
    },
  );
}

/**
 * Whether environment `name` keeps its outgoing mail in a mail catcher: `mail_catcher:` when the
 * config says, else yes for every environment but one named `production`, whose mail is real.
 */
export function catchesMail(name: string, config: EnvironmentConfig): boolean {
  return config.mail_catcher ?? name !== 'production';
}
