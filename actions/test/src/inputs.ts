import { resolve } from 'node:path';
import type * as actionsCore from '@actions/core';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { parseSeriesInput } from '../../../runner/pr/test-plan.js';
import { defaultPostgresImage } from '../../../runner/stack/stack-settings.js';

/** The inputs of actions/test, typed (action.yml documents each). */
export interface TestInputs {
  /** Folders of the addons path, relative to the workspace. */
  addonsPath: string[];
  /** `odoo-version`: the series to test on; undefined: read from the manifests. */
  odooVersion: string[] | undefined;
  odooImage: string;
  odooSrc: string;
  postgresImage: string;
  /** `modules`: what to test instead of what the pull request touches (empty: the touched ones). */
  modules: string[];
  browserChecks: boolean;
  githubToken: string;
  mode: 'containers' | 'local';
  /** The checkout (GITHUB_WORKSPACE). */
  workspace: string;
}

type InputReader = (value: string, env: NodeJS.ProcessEnv) => unknown;

function list(value: string): string[] {
  return value
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function bool(name: string): InputReader {
  return (value) => {
    const text = value.trim().toLowerCase() || 'true';
    if (text === 'true' || text === 'false') return text === 'true';
    throw new ForgeError(`input.${name}`, `${name} is "${value}": not true or false.`, {
      hint: `Write ${name}: true or ${name}: false.`,
    });
  };
}

/** One reader per input: a forgotten input does not compile (release-drafter's pattern). */
const readers: Record<Exclude<keyof TestInputs, 'workspace'>, { name: string; read: InputReader }> = {
  addonsPath: { name: 'addons-path', read: (v) => (list(v).length > 0 ? list(v) : ['.']) },
  odooVersion: { name: 'odoo-version', read: (v) => parseSeriesInput(v) },
  odooImage: { name: 'odoo-image', read: (v) => v.trim() },
  odooSrc: { name: 'odoo-src', read: (v) => v.trim() },
  postgresImage: { name: 'postgres-image', read: (v, env) => v.trim() || defaultPostgresImage(env) },
  modules: { name: 'modules', read: (v) => list(v) },
  browserChecks: { name: 'browser-checks', read: bool('browser-checks') },
  githubToken: { name: 'github-token', read: (v) => v.trim() },
  mode: {
    name: 'mode',
    read: (v) => {
      const mode = v.trim() || 'containers';
      if (mode === 'containers' || mode === 'local') return mode;
      throw new ForgeError('input.mode', `mode is "${v}": not containers or local.`, {
        hint: 'containers (a stack per series in Podman or Docker) or local (PostgreSQL and Odoo as processes).',
      });
    },
  },
};

/** Reads and checks every input; the errors name the input and its value. */
export function readTestInputs(core: typeof actionsCore, env: NodeJS.ProcessEnv = process.env): TestInputs {
  const values = Object.fromEntries(
    Object.entries(readers).map(([key, { name, read }]) => [key, read(core.getInput(name), env)]),
  ) as Omit<TestInputs, 'workspace'>;
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  if (values.mode === 'local' && values.odooImage) {
    throw new ForgeError('input.odoo-image', 'odoo-image needs containers and cannot go with mode: local.', {
      hint: 'Give odoo-src (an Odoo source tree per series) with mode: local.',
    });
  }
  return { ...values, workspace };
}
