import type { APIRequestContext } from 'playwright-core';
import { ForgeError } from '../../core/errors/forge-error.js';

/** A model method called through JSON-RPC with a user's session (a browser context's cookies, or a cookie). */
export type CallKw = <T = unknown>(
  model: string,
  method: string,
  args: unknown[],
  kwargs?: Record<string, unknown>,
) => Promise<T>;

export function jsonRpc(request: APIRequestContext, baseUrl: string): CallKw {
  return async <T>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) => {
    const response = await request.post(`${baseUrl}/web/dataset/call_kw/${model}/${method}`, {
      data: { jsonrpc: '2.0', method: 'call', params: { model, method, args, kwargs } },
    });
    return answerOf<T>(model, method, baseUrl, response.ok(), response.status(), () => response.json());
  };
}

/**
 * The same calls with a session cookie, from Node's fetch: no browser needed, so the check reads
 * the addon and creates its users while Chromium still starts.
 */
export function cookieRpc(baseUrl: string, cookie: string, timeoutMs = 60_000): CallKw {
  return async <T>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) => {
    const response = await fetch(`${baseUrl}/web/dataset/call_kw/${model}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { model, method, args, kwargs } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return answerOf<T>(model, method, baseUrl, response.ok, response.status, () => response.json());
  };
}

async function answerOf<T>(
  model: string,
  method: string,
  baseUrl: string,
  ok: boolean,
  status: number,
  json: () => Promise<unknown>,
): Promise<T> {
  if (!ok) {
    throw new ForgeError('ui-check.rpc', `${model}.${method} answered HTTP ${status} at ${baseUrl}`);
  }
  const body = (await json()) as { result?: T; error?: { data?: { message?: string } } };
  if (body.error) {
    throw new ForgeError('ui-check.rpc', `${model}.${method}: ${body.error.data?.message ?? 'JSON-RPC error'}`, {
      hint: 'the browser check reads the addon through the logged-in session: check the login and the modules',
    });
  }
  return body.result as T;
}

/** `[id, name]` of a many2one read through JSON-RPC, or `false`. */
export type Many2oneValue = [number, string] | false;
