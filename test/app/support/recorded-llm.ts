import { readFileSync } from 'node:fs';

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
