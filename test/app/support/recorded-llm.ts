import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Anthropic client's `fetch`, answering from recorded Messages API responses
 * (test/fixtures/llm/*.json) in order. The request bodies are kept so a test can check what
 * reached the model (e.g. that hidden HTML comments did not).
 */
export class RecordedLlm {
  readonly requests: Array<Record<string, unknown>> = [];
  readonly #responses: string[];

  constructor(fixtureNames: string[]) {
    this.#responses = fixtureNames.map((name) =>
      readFileSync(new URL(`../../fixtures/llm/${name}.json`, import.meta.url), 'utf8'),
    );
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    await new Promise((resolve) => setImmediate(resolve));
    const request = input instanceof Request ? input : new Request(input, init);
    if (!new URL(request.url).pathname.endsWith('/v1/messages'))
      throw new Error(`unexpected LLM request ${request.url}`);
    this.requests.push(JSON.parse(await request.text()) as Record<string, unknown>);
    const next = this.#responses.shift();
    if (next === undefined) throw new Error('the test made more LLM calls than it recorded responses');
    return new Response(next, {
      status: 200,
      headers: { 'content-type': 'application/json', 'request-id': 'req_recorded' },
    });
  };
}

/** A RecordedLlm served on loopback: the Anthropic base URL of an app process (ANTHROPIC_BASE_URL). */
export interface ServedLlm {
  llm: RecordedLlm;
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the recorded responses over HTTP on 127.0.0.1, so that an app started as a process
 * (whose Anthropic client reads ANTHROPIC_BASE_URL, as the SDK does) gets them. An unexpected
 * request answers 500 with the reason, which the app then logs.
 */
export async function serveRecordedLlm(fixtureNames: string[]): Promise<ServedLlm> {
  const llm = new RecordedLlm(fixtureNames);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = `http://127.0.0.1${req.url ?? '/'}`;
      llm
        .fetch(url, { method: req.method ?? 'POST', body: Buffer.concat(chunks).toString('utf8') })
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(await response.text());
        })
        .catch((thrown: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: String(thrown) } }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    llm,
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
