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
 * Tokens used per installation and calendar month (UTC), counted in this process. The budget
 * check uses this count; every call is also logged (installation, tokens, cost, month total)
 * so the true total across replicas is in the logs — see docs/github-app.md, "LLM budget".
 */
export class TokenLedger {
  readonly #used = new Map<string, number>();
  readonly #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  #key(installationId: number): string {
    return `${installationId}:${this.#now().toISOString().slice(0, 7)}`;
  }

  used(installationId: number): number {
    return this.#used.get(this.#key(installationId)) ?? 0;
  }

  record(installationId: number, usage: TokenUsage): number {
    const total = this.used(installationId) + usage.inputTokens + usage.outputTokens;
    this.#used.set(this.#key(installationId), total);
    return total;
  }
}
