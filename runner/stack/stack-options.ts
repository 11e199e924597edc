import { z } from 'zod';
import { ForgeError } from '../../core/errors/forge-error.js';
import { STANDARD_SERIES } from '../../core/odoo/standard-modules/standard-modules.js';

/**
 * The options of a stack, declared once: `odoo-forge test`, `odoo-forge stack up` and
 * `resolveStackSettings` (later the actions' inputs) all take them from here. Keys are the
 * camelCase names commander gives the flags.
 */
export const stackOptionsSchema = z.object({
  /** Absent: the series is read from the Odoo tree or image (runner/odoo/read-odoo-series.ts). */
  odoo: z
    .string()
    .refine((s) => STANDARD_SERIES.includes(s), {
      message: `not a supported Odoo series (use ${STANDARD_SERIES.join(', ')})`,
    })
    .optional(),
  odooSrc: z.string().min(1, 'empty').optional(),
  odooImage: z.string().min(1, 'empty').optional(),
  postgresImage: z.string().min(1, 'empty').optional(),
  runtimeImage: z.string().min(1, 'empty').optional(),
  repository: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'not owner/name')
    .optional(),
  engine: z.string().min(1, 'empty').optional(),
  /** False with `--no-template`: no template database (a cold run). */
  template: z.boolean(),
});

export type StackOptions = z.infer<typeof stackOptionsSchema>;

/** How an option is written on the command line and what it means. */
export interface StackOptionDoc {
  flags: string;
  description: string;
  default?: string | boolean;
}

/** One entry per option: a forgotten one does not compile (release-drafter's pattern). */
export const stackOptionDocs: Record<keyof StackOptions, StackOptionDoc> = {
  odoo: {
    flags: '--odoo <series>',
    description: 'Odoo series; must match the Odoo given (default: the series of the source tree or image)',
  },
  odooSrc: {
    flags: '--odoo-src <path>',
    description: 'Odoo source tree, mounted read-only (default: $ODOO_SRC)',
  },
  odooImage: { flags: '--odoo-image <image>', description: 'an image that contains Odoo, e.g. odoo:18.0' },
  postgresImage: {
    flags: '--postgres-image <image>',
    description: 'PostgreSQL image (default: $FORGE_POSTGRES_IMAGE or localhost/forge-postgres:15)',
  },
  runtimeImage: {
    flags: '--runtime-image <image>',
    description:
      'runtime image for --odoo-src (default: $FORGE_ODOO_RUNTIME_IMAGE or localhost/forge-odoo-runtime:SERIES)',
  },
  repository: { flags: '--repository <owner/name>', description: 'repository label on the stack' },
  engine: {
    flags: '--engine <url>',
    description: 'container engine (default: $DOCKER_HOST, then the usual sockets)',
  },
  template: { flags: '--no-template', description: 'do not build or use a template database (cold run)' },
};

/** The flag of an option as a user typed it (`--odoo-src`). */
export function flagOf(key: keyof StackOptions): string {
  return (stackOptionDocs[key].flags.split(' ')[0] ?? '').replace('--no-', '--');
}

/** Parses the stack options out of a command's options; the error names the flag and its value. */
export function parseStackOptions(raw: Record<string, unknown>): StackOptions {
  const parsed = stackOptionsSchema.safeParse({ template: true, ...raw });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = (issue?.path[0] ?? 'odoo') as keyof StackOptions;
  throw new ForgeError(
    `input.${flagOf(key).slice(2)}`,
    `${flagOf(key)} is ${JSON.stringify(raw[key])}: ${issue?.message ?? 'not valid'}.`,
    { hint: `${stackOptionDocs[key].flags}: ${stackOptionDocs[key].description}.` },
  );
}
