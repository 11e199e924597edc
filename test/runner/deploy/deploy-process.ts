import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { DeployJournal } from '../../../runner/environments/environment-files.js';

export interface DeployProcess {
  child: ChildProcess;
  /** The exit code and output once the process ended. */
  done: Promise<{ code: number | null; out: string; err: string }>;
}

/** `odoo-forge deploy ARGS` in a process of its own (the CLI from source, as the action runs it). */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv): DeployProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "const { main } = await import('./cli/main.ts'); process.exitCode = await main(process.argv.slice(1));",
      ...args,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, out, err })),
  );
  return { child, done };
}

/** One phase seen in the deploy journal, with which processes were still running then. */
export interface JournalSighting {
  deployId: string;
  pid: number;
  phase: DeployJournal['phase'];
  /** The pids of the watched processes that had not exited when this phase was seen. */
  alive: number[];
}

/**
 * Reads `journalFile` every 100 ms until `stop` resolves; returns each change of (deploy, phase),
 * in order, and calls `onFirst` once when a journal first appears.
 */
export async function watchJournal(
  journalFile: string,
  processes: DeployProcess[],
  stop: Promise<unknown>,
  onFirst: (journal: DeployJournal) => void,
): Promise<JournalSighting[]> {
  const seen: JournalSighting[] = [];
  let stopped = false;
  void stop.then(() => (stopped = true));
  let first = true;
  while (!stopped) {
    let journal: DeployJournal | undefined;
    try {
      journal = existsSync(journalFile)
        ? (JSON.parse(readFileSync(journalFile, 'utf8')) as DeployJournal)
        : undefined;
    } catch {
      journal = undefined; // renamed between exists and read
    }
    const last = seen.at(-1);
    if (journal && (last?.deployId !== journal.deployId || last.phase !== journal.phase)) {
      seen.push({
        deployId: journal.deployId,
        pid: journal.pid,
        phase: journal.phase,
        alive: processes
          .filter((p) => p.child.exitCode === null && p.child.signalCode === null)
          .map((p) => p.child.pid ?? 0),
      });
      if (first) {
        first = false;
        onFirst(journal);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return seen;
}
