import type { AppRequest } from './work/recover-deliveries.js';

export interface ProbeLogger {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/**
 * `GET /app` with the app's JWT, once at start: a wrong GHE_HOST, an unreachable GitHub, a wrong
 * APP_ID or private key is reported in the log at once, with the URL tried, instead of on the
 * first delivery. Resolves with whether GitHub answered.
 */
export async function probeGitHub(app: AppRequest, baseUrl: string, log: ProbeLogger): Promise<boolean> {
  const url = `${baseUrl}/app`;
  try {
    // No retries: an unreachable GitHub is reported now, not after the retry plugin's backoff.
    const { data } = await app.request('GET /app', { request: { retries: 0 } });
    const { slug, name } = (data ?? {}) as { slug?: string; name?: string };
    log.info({ url, app: slug ?? name }, 'GitHub answered: the app is known there');
    return true;
  } catch (thrown) {
    // Octokit reports a failed connection as status 500 without a response.
    const answered = (thrown as { response?: unknown }).response !== undefined;
    const status = answered ? (thrown as { status?: number }).status : undefined;
    const cause = (thrown as { cause?: unknown }).cause;
    const reason =
      status === undefined
        ? `GitHub is unreachable at ${url}: ${describe(cause ?? thrown)} (check GHE_HOST and GHE_PROTOCOL)`
        : status === 401 || status === 403
          ? `GitHub at ${url} refused the app (HTTP ${status}): check APP_ID and the private key`
          : `GitHub at ${url} answered HTTP ${status}: check GHE_HOST, GHE_PROTOCOL and APP_ID`;
    log.error({ url, status, err: thrown }, reason);
    return false;
  }
}

function describe(thrown: unknown): string {
  if (thrown instanceof Error) {
    const code = (thrown as NodeJS.ErrnoException).code;
    const inner = (thrown as { cause?: unknown }).cause;
    return `${code ? `${code} ` : ''}${thrown.message}${inner ? ` (${describe(inner)})` : ''}`;
  }
  return String(thrown);
}
