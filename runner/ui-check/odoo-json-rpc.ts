import type { APIRequestContext } from 'playwright-core';
import { ForgeError } from '../../core/errors/forge-error.js';

/** A model method called through JSON-RPC with a browser context's session (its cookies). */
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
    if (!response.ok()) {
      throw new ForgeError(
        'ui-check.rpc',
        `${model}.${method} answered HTTP ${response.status()} at ${baseUrl}`,
      );
    }
    const body = (await response.json()) as { result?: T; error?: { data?: { message?: string } } };
    if (body.error) {
      throw new ForgeError(
        'ui-check.rpc',
        `${model}.${method}: ${body.error.data?.message ?? 'JSON-RPC error'}`,
        {
          hint: 'the browser check reads the addon through the logged-in session: check the login and the modules',
        },
      );
    }
    return body.result as T;
  };
}

/** `[id, name]` of a many2one read through JSON-RPC, or `false`. */
export type Many2oneValue = [number, string] | false;
