import { ForgeError } from '../../core/errors/forge-error.js';

export interface AuthenticateOptions {
  baseUrl: string;
  database: string;
  login: string;
  password: string;
  signal?: AbortSignal;
}

export interface OdooSession {
  /** `session_id=…`, for a `cookie` header. */
  cookie: string;
  /** The session id itself, for a browser context's cookie jar. */
  sessionId: string;
  uid: number;
}

/**
 * Logs in over JSON-RPC (`/web/session/authenticate`, the same on 16.0 to 18.0), without the
 * login form: one request instead of the login page, its assets and a redirect to the web
 * client. Throws a ForgeError naming the login when Odoo refuses it.
 */
export async function authenticate(options: AuthenticateOptions): Promise<OdooSession> {
  const url = `${options.baseUrl}/web/session/authenticate`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        method: 'call',
        params: { db: options.database, login: options.login, password: options.password },
      }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw new ForgeError('ui-check.login', `cannot reach ${url}: ${(error as Error).message}`, {
      hint: 'check that Odoo is running and serves this address',
    });
  }
  const body = (await response.json().catch(() => ({}))) as {
    result?: { uid?: number | null };
    error?: { data?: { message?: string }; message?: string };
  };
  const sessionId = response.headers
    .getSetCookie()
    .map((line) => /^session_id=([^;]+)/.exec(line)?.[1])
    .find((value) => value !== undefined);
  const uid = body.result?.uid;
  if (!response.ok || body.error || typeof uid !== 'number' || !sessionId) {
    const why =
      body.error?.data?.message ??
      body.error?.message ??
      (response.ok ? 'no session' : `HTTP ${response.status}`);
    throw new ForgeError(
      'ui-check.login',
      `logging in as ${options.login} to database ${options.database} on ${options.baseUrl} failed: ${why}`,
      { hint: 'check the login and password, and that the database is the one Odoo serves' },
    );
  }
  return { cookie: `session_id=${sessionId}`, sessionId, uid };
}
