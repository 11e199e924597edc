import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { verify } from '@octokit/webhooks-methods';
import type { ApplicationFunction, Probot } from 'probot';
import type { Delivery } from './work/work-key.js';

/** A verified delivery and its run by Probot, handed over after the HTTP answer. */
export type Dispatch = (delivery: Delivery, run: () => Promise<void>) => void;

export interface WebhookServerOptions {
  probot: Probot;
  app: ApplicationFunction;
  secret: string;
  /** Default: /api/github/webhooks (Probot's). */
  path?: string;
  /** Runs Probot's dispatch of a verified delivery after the answer (the composition root queues it). */
  dispatch: Dispatch;
  /** Told when a request starts; the returned function when it is answered (see WorkQueue). */
  onRequest?: () => () => void;
}

const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

/**
 * The app's HTTP endpoint. It verifies the signature (401 when it does not match, so a wrong
 * WEBHOOK_SECRET is told apart from a malformed request; Probot would answer 400), answers 200
 * at once, and only then hands the event to Probot (`probot.receive`), whose per-event work
 * (an installation-authenticated Octokit, the Context) thus stays off the answer path.
 * `GET /healthz` answers 200 for load balancers.
 */
export async function createWebhookServer(options: WebhookServerOptions): Promise<Server> {
  const path = options.path ?? '/api/github/webhooks';
  await options.probot.load(options.app);
  return createServer((request, response) => {
    const answered = options.onRequest?.();
    if (answered) response.once('close', answered);
    void handle(request, response).catch((thrown: unknown) => {
      options.probot.log.error({ err: thrown }, 'webhook request failed');
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'GET' && pathname === '/healthz') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (pathname !== path)
      return sendJson(response, 404, { error: `no route for ${request.method ?? 'GET'} ${pathname}` });
    if (request.method !== 'POST') return sendJson(response, 405, { error: `use POST on ${path}` });
    const body = await readBody(request);
    if (body === undefined)
      return sendJson(response, 413, { error: `payload larger than ${MAX_PAYLOAD_BYTES} bytes` });
    const signature = request.headers['x-hub-signature-256'];
    const valid =
      typeof signature === 'string' && (await verify(options.secret, body, signature).catch(() => false));
    if (!valid) {
      return sendJson(response, 401, {
        error:
          'signature does not match the payload: check that WEBHOOK_SECRET is the webhook secret of the GitHub App',
      });
    }
    const name = request.headers['x-github-event'];
    const id = request.headers['x-github-delivery'];
    if (typeof name !== 'string' || typeof id !== 'string') {
      return sendJson(response, 400, {
        error: 'the x-github-event and x-github-delivery headers are required',
      });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return sendJson(response, 400, { error: 'the payload is not JSON' });
    }
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    options.dispatch({ id, name, payload }, () =>
      options.probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]),
    );
  }
}

function sendJson(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_PAYLOAD_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
