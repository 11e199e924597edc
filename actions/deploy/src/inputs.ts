import { resolve } from 'node:path';
import type * as actionsCore from '@actions/core';
import { ForgeError } from '../../../core/errors/forge-error.js';
import { defaultEnvironmentsHome } from '../../../runner/environments/environment-files.js';

/** The inputs of actions/deploy, typed (action.yml documents each). */
export interface DeployInputs {
  /** `environment`; empty: the deployment's own environment. */
  environment: string;
  /** `addons-path`: the folder of the addon folders, absolute. */
  addonsDir: string;
  /** `config`: the Forge config, absolute. */
  configFile: string;
  /** `environments-home`: the host's environments folder, absolute. */
  home: string;
  lockTimeoutMs: number;
  githubToken: string;
  /** The checkout (GITHUB_WORKSPACE). */
  workspace: string;
}

type InputReader = (value: string, context: { workspace: string; env: NodeJS.ProcessEnv }) => unknown;

function seconds(value: string): number {
  const text = value.trim() || '600';
  const number = Number(text);
  if (!Number.isFinite(number) || number < 0)
    throw new ForgeError('input.lock-timeout', `lock-timeout is "${value}": not a number of seconds.`, {
      hint: 'Write lock-timeout: 600 (seconds to wait for a running deploy), or 0 to refuse at once.',
    });
  return number * 1000;
}

/** One reader per input: a forgotten input does not compile (release-drafter's pattern). */
const readers: Record<Exclude<keyof DeployInputs, 'workspace'>, { name: string; read: InputReader }> = {
  environment: { name: 'environment', read: (v) => v.trim() },
  addonsDir: { name: 'addons-path', read: (v, c) => resolve(c.workspace, v.trim() || '.') },
  configFile: {
    name: 'config',
    read: (v, c) => resolve(c.workspace, v.trim() || '.github/odoo-forge.yml'),
  },
  home: {
    name: 'environments-home',
    read: (v, c) => (v.trim() ? resolve(c.workspace, v.trim()) : defaultEnvironmentsHome(c.env)),
  },
  lockTimeoutMs: { name: 'lock-timeout', read: (v) => seconds(v) },
  githubToken: { name: 'github-token', read: (v) => v.trim() },
};

/** Reads and checks every input; the errors name the input and its value. */
export function readDeployInputs(
  core: typeof actionsCore,
  env: NodeJS.ProcessEnv = process.env,
): DeployInputs {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const values = Object.fromEntries(
    Object.entries(readers).map(([key, { name, read }]) => [
      key,
      read(core.getInput(name), { workspace, env }),
    ]),
  ) as Omit<DeployInputs, 'workspace'>;
  return { ...values, workspace };
}
