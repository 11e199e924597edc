// Runs the BUILT odoo-forge CLI (`node bin/odoo-forge.js`, needs `npm run build`) as a user does:
// a process in a folder, with its exit code, stdout and stderr. Never throws on a non-zero exit.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repoRoot, 'bin', 'odoo-forge.js');

export interface BuiltCliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `odoo-forge ARGS` in `cwd`; fails the test at once when dist/ was not built. */
export async function builtCli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<BuiltCliRun> {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js')))
    throw new Error('dist/cli/main.js is missing: run `npm run build` before these tests');
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', ...env },
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
