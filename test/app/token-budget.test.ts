import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FileTokenStore } from '../../app/llm/file-token-store.js';
import { MemoryTokenStore, TokenBudget, costOf } from '../../core/llm/token-budget.js';

const december = (): Date => new Date('2026-12-01T12:00:00Z');

describe('the token budget', () => {
  it('counts per installation and per calendar month (UTC), and prices calls', async () => {
    let now = new Date('2026-01-31T23:00:00Z');
    const budget = new TokenBudget(new MemoryTokenStore(), () => now);
    for (const [installation, usage] of [
      [1, { inputTokens: 100, outputTokens: 50 }],
      [2, { inputTokens: 7, outputTokens: 0 }],
    ] as const) {
      const reserved = await budget.reserve(installation, 200, 1000);
      assert.ok(reserved.ok);
      await budget.settle(reserved.reservation, usage);
    }
    assert.equal(await budget.used(1), 150);
    assert.equal(await budget.used(2), 7);
    now = new Date('2026-02-01T00:00:00Z');
    assert.equal(await budget.used(1), 0);
    assert.equal(costOf('claude-sonnet-4-6', { inputTokens: 1_000_000, outputTokens: 1_000_000 }), 18);
  });

  it('refuses the call that would cross the budget, not the one after it', async () => {
    const budget = new TokenBudget(new MemoryTokenStore(), december);
    const first = await budget.reserve(7, 600, 1000);
    assert.ok(first.ok);
    assert.equal(await budget.settle(first.reservation, { inputTokens: 400, outputTokens: 100 }), 500);
    const crossing = await budget.reserve(7, 600, 1000);
    assert.deepEqual(crossing, { ok: false, used: 500, needed: 600 });
    assert.ok((await budget.reserve(7, 500, 1000)).ok, 'a call that fits exactly is allowed');
    assert.equal(await budget.used(8), 0, 'another installation has its own count');
  });

  it('is shared by every replica on the same state folder and survives a restart', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'forge-tokens-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const replicas = [
      new TokenBudget(new FileTokenStore(dir), december),
      new TokenBudget(new FileTokenStore(dir), december),
    ];
    // 40 calls of at most 100 tokens race for a budget of 1,000 across two replicas.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) => replicas[index % 2]?.reserve(42, 100, 1000)),
    );
    assert.equal(results.filter((r) => r?.ok).length, 10, 'exactly the calls that fit are allowed');
    const restarted = new TokenBudget(new FileTokenStore(dir), december);
    assert.equal(await restarted.used(42), 1000, 'a restarted app sees the month so far');
    assert.equal((await restarted.reserve(42, 1, 1000)).ok, false);
  });
});
