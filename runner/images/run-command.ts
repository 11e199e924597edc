import { spawn } from 'node:child_process';
import { ForgeError } from '../../core/errors/forge-error.js';

export interface RunCommandOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Each line of stdout/stderr as it comes. */
  onLine?: (line: string) => void;
}

/** Runs a program; rejects with `images.command-failed` naming it and the last output lines. */
export async function runCommand(
  program: string,
  args: string[],
  options: RunCommandOptions = {},
): Promise<string> {
  const child = spawn(program, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  const take = (chunk: Buffer): void => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (lines.length > 400) lines.shift();
      options.onLine?.(line);
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(
          new ForgeError(
            'images.tool-missing',
            `${program} is not installed (needed to build the local images).`,
            { hint: `Install it: apt-get install -y ${program === 'podman' ? 'podman runc' : program}` },
          ),
        );
      } else reject(error);
    });
    child.on('close', (exit) => resolve(exit ?? 1));
  });
  if (partial) lines.push(partial);
  if (code !== 0) {
    throw new ForgeError(
      'images.command-failed',
      `${program} ${args.slice(0, 3).join(' ')} … failed (exit ${code}):\n${lines.slice(-15).join('\n')}`,
      {
        hint: 'Fix the cause above and run `odoo-forge images build` again; finished steps are cached.',
      },
    );
  }
  return lines.join('\n');
}
