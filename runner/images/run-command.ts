import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
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
  const keep = (line: string): void => {
    lines.push(line);
    if (lines.length > 400) lines.shift();
    options.onLine?.(line);
  };
  const stdout = lineReader(keep);
  const stderr = lineReader(keep);
  child.stdout.on('data', stdout.take);
  child.stderr.on('data', stderr.take);
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
  stdout.end();
  stderr.end();
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

/** Splits one output stream into lines; a UTF-8 character cut between two chunks stays whole. */
function lineReader(onLine: (line: string) => void): { take: (chunk: Buffer) => void; end: () => void } {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  const split = (text: string): void => {
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) onLine(line);
  };
  return {
    take: (chunk) => split(decoder.write(chunk)),
    end: () => {
      split(decoder.end());
      if (partial) onLine(partial);
      partial = '';
    },
  };
}
