import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { verify } from '@octokit/webhooks-methods';
import { createNodeMiddleware, type ApplicationFunction, type Probot } from 'probot';

export interface WebhookServerOptions {
  probot: Probot;
  app: ApplicationFunction;
  secret: string;
  /** Default: /api/github/webhooks (Probot's). */
  path?: string;
  /** Told when a request starts; the returned function when it is answered (see WorkQueue). */
  onRequest?: () => () => void;
}

const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

/**
 * The app's HTTP server: Probot's node middleware behind a signature check that answers 401
 * (Probot answers 400) so a misconfigured secret is told apart from a malformed request.
 * `GET /healthz` answers 200 for load balancers.
 */
export async function createWebhookServer(options: WebhookServerOptions): Promise<Server> {
  const path = options.path ?? '/api/github/webhooks';
  const middleware = await createNodeMiddleware(options.app, { probot: options.probot, webhooksPath: path });
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
    if (request.method === 'POST' && pathname === path) {
      const body = await readBody(request);
      if (body === undefined) {
        sendJson(response, 413, { error: `payload larger than ${MAX_PAYLOAD_BYTES} bytes` });
        return;
      }
      const signature = request.headers['x-hub-signature-256'];
      const valid =
        typeof signature === 'string' && (await verify(options.secret, body, signature).catch(() => false));
      if (!valid) {
        sendJson(response, 401, {
          error:
            'signature does not match the payload: check that WEBHOOK_SECRET is the webhook secret of the GitHub App',
        });
        return;
      }
      request.body = body;
    }
    const handled = await middleware(request, response);
    if (!handled && !response.headersSent)
      sendJson(response, 404, { error: `no route for ${request.method ?? 'GET'} ${pathname}` });
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
