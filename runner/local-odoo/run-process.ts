import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface ProcessResult {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

export interface RunToFileOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** SIGTERM after this long, SIGKILL 10 s later. */
  timeoutMs: number;
}

/**
 * Runs a program with stdout and stderr both appended to `logFile`, so the lines keep the
 * order the program wrote them in (a Python traceback on stderr stays next to its log line).
 */
export async function runToFile(
  program: string,
  args: readonly string[],
  logFile: string,
  options: RunToFileOptions,
): Promise<ProcessResult> {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(program, args, { stdio: ['ignore', fd, fd], env: options.env, cwd: options.cwd });
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    }, options.timeoutMs);
    try {
      return await new Promise<ProcessResult>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', (code, signal) => resolve({ code, signal, timedOut }));
      });
    } finally {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
    }
  } finally {
    closeSync(fd);
  }
}
