import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sign } from '@octokit/webhooks-methods';
import type { HookSender } from '../../fakes/github/hook-delivery-log.js';

export const PROCESS_WEBHOOK_SECRET = 'process-test-secret';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export type LogLine = Record<string, unknown> & {
  msg?: string;
  delivery?: string;
  pid?: number;
  /** The raw line (every line in `pretty` mode). */
  text?: string;
};

/** The app started with `npm start`, as an operator starts it. */
export interface AppProcess {
  child: ChildProcess;
  /** Every JSON log line the app printed so far. */
  lines: LogLine[];
  /** The webhook URL. */
  url: string;
  /** The pid of the node process (npm's child), from the log lines. */
  nodePid: number;
  /** Resolves with the first log line that matches (rejects after `timeoutMs`). */
  waitFor(match: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit code (or signal) once npm and the app have exited. */
  exited: Promise<number | string>;
  /** Signs and POSTs a delivery: the fake's HookDeliveryLog uses it as its sender. */
  send: HookSender;
  /** SIGKILL to the whole process group (npm and node): a crash. */
  kill(): Promise<void>;
}

/** A private key made for the test, never a committed one. */
export function testPrivateKeyPem(): string {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
}

/**
 * Runs `npm start` (the built `dist/app/main.js`) with Probot's environment pointing at a
 * GHES-style host, waits for the app to listen and to finish its start-up recovery.
 */
export async function startAppProcess(
  env: Record<string, string>,
  /** Called as soon as the app listens, before its start-up recovery asks for redeliveries. */
  onListening: (send: HookSender) => void = () => undefined,
  /** `pretty`: LOG_FORMAT=pretty lines are kept as `text`, and the start is not awaited. */
  options: { pretty?: boolean } = {},
): Promise<AppProcess> {
  if (!existsSync(`${root}dist/app/main.js`))
    throw new Error('dist/app/main.js is missing: run `npm run build` first (npm start runs the built app)');
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      ...env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters: Array<() => void> = [];
  let stderr = '';
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) {
      if (!part.trim()) continue;
      if (options.pretty) {
        lines.push({ text: part });
        continue;
      }
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        lines.push({ msg: `non-JSON line: ${part}` });
      }
    }
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const wake of waiters.splice(0)) wake();
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  let gone = false;
  void exited.then(() => (gone = true));

  const waitFor = (match: (line: LogLine) => boolean, what: string, timeoutMs = 60_000): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const look = (): void => {
        const found = lines.find(match);
        if (found) return resolve(found);
        if (gone || Date.now() > deadline)
          return reject(
            new Error(
              `the app ${gone ? 'exited' : `did not log it within ${timeoutMs} ms`} before: ${what}\n` +
                `stderr: ${stderr.slice(-2000)}\nlast lines: ${JSON.stringify(lines.slice(-8), null, 1)}`,
            ),
          );
        waiters.push(look);
        setTimeout(look, 200).unref();
      };
      look();
    });

  const kill = async (): Promise<void> => {
    if (!gone && child.pid) process.kill(-child.pid, 'SIGKILL');
    await exited;
  };
  if (options.pretty)
    return { child, lines, url: '', nodePid: 0, waitFor, exited, send: () => Promise.resolve(0), kill };
  const listening = await waitFor((l) => l.msg === 'Odoo Forge is listening', 'listening', 90_000);
  const url = `http://127.0.0.1:${String(listening.port)}${String(listening.webhookPath)}`;
  const send: HookSender = async ({ guid, event, payload }) => {
    const body = JSON.stringify(payload);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': event,
          'x-github-delivery': guid,
          'x-hub-signature-256': await sign(env.WEBHOOK_SECRET ?? PROCESS_WEBHOOK_SECRET, body),
        },
        body,
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  };
  onListening(send);
  await waitFor(
    (l) => l.msg === 'recovery' || (typeof l.msg === 'string' && l.msg.startsWith('GitHub is unreachable')),
    'start-up recovery',
  );
  return {
    child,
    lines,
    url,
    nodePid: Number(listening.pid),
    waitFor,
    exited,
    send,
    kill,
  };
}
