/** One delivery of the app's webhook, as GitHub's delivery log keeps it. */
export interface FakeHookDelivery {
  id: number;
  guid: string;
  deliveredAt: string;
  redelivery: boolean;
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
  payload: Record<string, unknown>;
}

/** Sends a delivery to the app (signed, POSTed); resolves with the HTTP status, 0 when it failed to connect. */
export type HookSender = (delivery: {
  guid: string;
  event: string;
  payload: Record<string, unknown>;
}) => Promise<number>;

/**
 * The fake's record of the app's webhook deliveries (`GET /app/hook/deliveries`) and their
 * redelivery (`POST /app/hook/deliveries/{id}/attempts`), which sends the same GUID and payload
 * again through `sender` (set by the test that serves the app).
 */
export class HookDeliveryLog {
  readonly deliveries: FakeHookDelivery[] = [];
  sender: HookSender | undefined;
  #nextId = 9_000_001;

  record(entry: Omit<FakeHookDelivery, 'id' | 'deliveredAt'>): FakeHookDelivery {
    const delivery = { ...entry, id: this.#nextId++, deliveredAt: new Date().toISOString() };
    this.deliveries.push(delivery);
    return delivery;
  }

  /** Sends the delivery with `sender` and records the attempt (any status). */
  async send(
    guid: string,
    event: string,
    payload: Record<string, unknown>,
    redelivery = false,
  ): Promise<FakeHookDelivery> {
    if (!this.sender) throw new Error('HookDeliveryLog.sender is not set');
    const statusCode = await this.sender({ guid, event, payload });
    const installation = payload.installation as { id?: number } | undefined;
    const repository = payload.repository as { id?: number } | undefined;
    return this.record({
      guid,
      redelivery,
      statusCode,
      event,
      action: typeof payload.action === 'string' ? payload.action : null,
      installationId: installation?.id ?? null,
      repositoryId: repository?.id ?? null,
      payload,
    });
  }

  /** Newest first, as GitHub lists them. */
  newestFirst(): FakeHookDelivery[] {
    return [...this.deliveries].reverse();
  }
}
