import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeGitHub } from './fake-github.js';

export interface ServedFakeGitHub {
  server: Server;
  /** `127.0.0.1:<port>`: what GHE_HOST is set to. */
  host: string;
  /** `http://127.0.0.1:<port>/api/v3`, the GHES-style API base URL. */
  baseUrl: string;
  close(): Promise<void>;
}

const API = 'https://api.github.com';

/**
 * Serves the fake over HTTP the way GitHub Enterprise Server serves its REST API, under
 * `/api/v3`: a request `/api/v3/<path>` is handed to the fake as `https://api.github.com/<path>`
 * (so the OpenAPI description of api.github.com checks it); anything outside `/api/v3` is a
 * violation, so a client that ignores GHE_HOST's base path fails the test. The `link` header of
 * a paged answer names the served base URL, as GHES's name its own host: a client that follows
 * it (Octokit's paginate) stays on the fake.
 */
export async function serveFakeGitHub(fake: FakeGitHub): Promise<ServedFakeGitHub> {
  let baseUrl = '';
  const server = createServer((request, response) => {
    void forward(fake, request).then(
      async (answer) => {
        const headers: Record<string, string> = {};
        answer.headers.forEach(
          (value, name) =>
            (headers[name] = name === 'link' ? value.replaceAll(`<${API}/`, `<${baseUrl}/`) : value),
        );
        response.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
      },
      (thrown: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String(thrown));
      },
    );
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}/api/v3`;
  return {
    server,
    host: `127.0.0.1:${port}`,
    baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function forward(fake: FakeGitHub, request: IncomingMessage): Promise<Response> {
  const url = new URL(request.url ?? '/', 'http://fake');
  if (!url.pathname.startsWith('/api/v3/')) {
    fake.violations.push(`request outside the GHES base path /api/v3: ${request.method} ${url.pathname}`);
    return new Response(JSON.stringify({ message: 'Not Found' }), { status: 404 });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers))
    if (typeof value === 'string') headers.set(name, value);
  const method = request.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
  return fake.fetch(`${API}${url.pathname.slice('/api/v3'.length)}${url.search}`, {
    method,
    headers,
    ...(body ? { body } : {}),
  });
}
