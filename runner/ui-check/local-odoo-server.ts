import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { ForgeError } from '../../core/errors/forge-error.js';
import { odooCommand, type OdooCommandOptions } from '../odoo/odoo-command.js';
import { odooProcessEnv, type OdooSourceTree } from '../local-odoo/odoo-source-tree.js';

export interface LocalOdooServerOptions {
  python: string;
  tree: OdooSourceTree;
  /** The database, paths and data dir; served as they are (no `-i`/`-u`: the modules are installed). */
  command: Omit<OdooCommandOptions, 'httpPort' | 'stopAfterInit' | 'install' | 'update' | 'extraArgs'>;
  cwd: string;
  /** Odoo's output goes here (appended). */
  logFile: string;
  /** For the server to answer `/web/login`. */
  timeoutMs: number;
}

export interface LocalOdooServer {
  baseUrl: string;
  /** Stops the server (SIGTERM, waits for its exit). Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Serves one database of a local Odoo on a free loopback port (`--db-filter` on it only, no cron
 * thread, no workers) and resolves once `/web/login` answers. Nothing is installed or updated: a
 * whole module load saved, the database already holds the modules.
 */
export async function startLocalOdooServer(options: LocalOdooServerOptions): Promise<LocalOdooServer> {
  const port = await freeLoopbackPort();
  const serve = odooCommand({
    ...options.command,
    httpPort: port,
    stopAfterInit: false,
    extraArgs: ['--db-filter', `^${options.command.database}$`, '--max-cron-threads', '0', '--workers', '0'],
  });
  const log = openSync(options.logFile, 'a');
  let server: ChildProcess | undefined = spawn(options.python, [options.tree.entryPoint, ...serve.args], {
    env: odooProcessEnv(options.tree, serve.env),
    cwd: options.cwd,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const stop = async (): Promise<void> => {
    const running = server;
    server = undefined;
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise((done) => running.once('exit', done));
      running.kill('SIGTERM');
      await exited;
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(
      `${baseUrl}/web/login`,
      options.timeoutMs,
      () => server?.exitCode ?? null,
      options.logFile,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}

async function waitForHttp(
  url: string,
  timeoutMs: number,
  exited: () => number | null,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const code = exited();
    if (code !== null)
      throw new ForgeError('ui-check.server', `Odoo exited (code ${code}) before answering ${url}`, {
        hint: `read ${logFile}`,
      });
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 300));
  }
  throw new ForgeError('ui-check.server', `Odoo did not answer ${url} within ${timeoutMs} ms`, {
    hint: `read ${logFile}`,
  });
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
