/** Prices in USD per million tokens (input, output), for the cost in the logs. */
const PRICES: Array<{ prefix: string; input: number; output: number }> = [
  { prefix: 'claude-opus', input: 15, output: 75 },
  { prefix: 'claude-sonnet', input: 3, output: 15 },
  { prefix: 'claude-haiku', input: 1, output: 5 },
];

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Approximate cost of one call in USD; unknown models are priced like Sonnet. */
export function costOf(model: string, usage: TokenUsage): number {
  const price = PRICES.find((p) => model.startsWith(p.prefix)) ?? { input: 3, output: 15 };
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
}

/**
 * Where the token counts live. `add` must be atomic across everyone sharing the store (every
 * replica of the app): it adds `tokens` to the count under `key` unless a positive `tokens`
 * would take it past `limit`, and returns whether it did and the count after.
 */
export interface TokenStore {
  add(key: string, tokens: number, limit?: number): Promise<{ added: boolean; total: number }>;
}

/** A store of one process (the CLI, tests). */
export class MemoryTokenStore implements TokenStore {
  readonly #counts = new Map<string, number>();

  add(key: string, tokens: number, limit?: number): Promise<{ added: boolean; total: number }> {
    const current = this.#counts.get(key) ?? 0;
    if (limit !== undefined && tokens > 0 && current + tokens > limit)
      return Promise.resolve({ added: false, total: current });
    this.#counts.set(key, current + tokens);
    return Promise.resolve({ added: true, total: current + tokens });
  }
}

export interface Reservation {
  key: string;
  tokens: number;
}

export type ReserveResult =
  { ok: true; reservation: Reservation } | { ok: false; used: number; needed: number };

/**
 * Tokens per installation and calendar month (UTC). A call is first reserved at its largest
 * possible size (the estimated input plus `max_tokens`); the reservation is refused when it would
 * take the month past the budget, so the call that would cross it is never made. Afterwards the
 * reservation is settled to the real usage. A crash between the two leaves the reservation
 * counted: the budget errs on the side of spending less.
 */
export class TokenBudget {
  readonly #store: TokenStore;
  readonly #now: () => Date;

  constructor(store: TokenStore, now: () => Date = () => new Date()) {
    this.#store = store;
    this.#now = now;
  }

  keyOf(installationId: number): string {
    return `${installationId}-${this.#now().toISOString().slice(0, 7)}`;
  }

  async used(installationId: number): Promise<number> {
    return (await this.#store.add(this.keyOf(installationId), 0)).total;
  }

  async reserve(installationId: number, tokens: number, budget: number): Promise<ReserveResult> {
    const key = this.keyOf(installationId);
    const result = await this.#store.add(key, tokens, budget);
    return result.added
      ? { ok: true, reservation: { key, tokens } }
      : { ok: false, used: result.total, needed: tokens };
  }

  /** Replaces the reservation by the real usage; returns the month's total. */
  async settle(reservation: Reservation, usage: TokenUsage): Promise<number> {
    const real = usage.inputTokens + usage.outputTokens;
    return (await this.#store.add(reservation.key, real - reservation.tokens)).total;
  }
}

/**
 * A generous estimate of the input tokens of a request: one token per 3 bytes of its JSON
 * (English prose runs near 4 bytes a token, JSON and YAML nearer 3).
 */
export function estimateInputTokens(request: unknown): number {
  return Math.ceil(new TextEncoder().encode(JSON.stringify(request)).length / 3);
}
