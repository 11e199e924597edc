/** A JSON-RPC session as the admin of an Odoo at `url` (database `forge`, admin/admin). */
export async function adminRpc(
  url: string,
): Promise<
  <T>(model: string, method: string, args: unknown[], kwargs?: Record<string, unknown>) => Promise<T>
> {
  const post = async (path: string, params: unknown, cookie?: string) => {
    const answer = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params }),
    });
    const body = (await answer.json()) as { result?: unknown; error?: { data?: { message?: string } } };
    if (body.error) throw new Error(`${path}: ${body.error.data?.message ?? JSON.stringify(body.error)}`);
    return { result: body.result, cookie: answer.headers.get('set-cookie')?.split(';')[0] };
  };
  const login = await post('/web/session/authenticate', { db: 'forge', login: 'admin', password: 'admin' });
  const cookie = login.cookie;
  return async <T>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) =>
    (await post('/web/dataset/call_kw', { model, method, args, kwargs }, cookie)).result as T;
}
