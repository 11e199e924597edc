import type { DeliveryJournal } from './delivery-journal.js';

/** An app-authenticated (JWT) Octokit's `request`, as far as recovery needs it. */
export interface AppRequest {
  request(
    route: string,
    parameters?: Record<string, unknown>,
  ): Promise<{ data: unknown; headers: Record<string, string | number | undefined> }>;
}

export interface RecoveryLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

interface HookDelivery {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status_code: number;
  event: string;
  action: string | null;
}

export interface RecoveryResult {
  listed: number;
  redelivered: string[];
}

const MAX_PAGES = 10;

/**
 * At start: lists the app's deliveries of the last `hours` (`GET /app/hook/deliveries`, newest
 * first, cursor pages) and asks GitHub to redeliver (`POST /app/hook/deliveries/{id}/attempts`)
 * every delivery whose GUID the journal does not hold as finished: work a crash or a kill cut
 * short, and deliveries sent while the app was down. Deliveries the app refused (status 4xx: bad
 * signature, malformed) are left alone. Each GUID is redelivered once, through its newest attempt.
 */
export async function recoverDeliveries(
  app: AppRequest,
  journal: DeliveryJournal,
  log: RecoveryLogger,
  options: { hours: number; now?: number },
): Promise<RecoveryResult> {
  const since = (options.now ?? Date.now()) - options.hours * 3_600_000;
  const newest = new Map<string, HookDelivery>();
  let listed = 0;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await app.request('GET /app/hook/deliveries', {
      per_page: 100,
      ...(cursor ? { cursor } : {}),
    });
    const deliveries = response.data as HookDelivery[];
    listed += deliveries.length;
    let older = false;
    for (const delivery of deliveries) {
      if (Date.parse(delivery.delivered_at) < since) older = true;
      else if (!newest.has(delivery.guid)) newest.set(delivery.guid, delivery);
    }
    cursor = nextCursor(String(response.headers.link ?? ''));
    if (older || !cursor) break;
  }
  const redelivered: string[] = [];
  for (const delivery of newest.values()) {
    if (delivery.status_code >= 400 && delivery.status_code < 500) continue;
    if (await journal.finished(delivery.guid)) continue;
    try {
      await app.request('POST /app/hook/deliveries/{delivery_id}/attempts', { delivery_id: delivery.id });
      redelivered.push(delivery.guid);
      log.info(
        { delivery: delivery.guid, event: delivery.event, action: delivery.action },
        'asked GitHub to redeliver an unfinished delivery',
      );
    } catch (thrown) {
      log.warn({ delivery: delivery.guid, err: thrown }, 'redelivery of an unfinished delivery failed');
    }
  }
  return { listed, redelivered };
}

function nextCursor(link: string): string | undefined {
  const next = /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
  return next ? (new URL(next).searchParams.get('cursor') ?? undefined) : undefined;
}
