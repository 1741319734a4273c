import type { QueueSettings } from "../queue";

/**
 * A queue's settings for a sale that opened a minute ago and closes in an hour, with a
 * fixed seed, as tests and benchmarks write them with putSettings; `overrides` change any
 * field (a presale: `generalOpensAt` and `generalShuffleSeed`).
 */
export function saleSettings(overrides: Partial<QueueSettings> = {}): QueueSettings {
  const now = Date.now();
  return {
    known: true,
    saleStatus: "PUBLISHED",
    opensAt: now - 60_000,
    closesAt: now + 3_600_000,
    maxActive: 1_000,
    admitRate: 1_000,
    tokenTtlMs: 600_000,
    refuseRatio: 0,
    unsoldSeats: 1_000,
    claimWindowMs: 30_000,
    graceMs: 30_000,
    preQueueLeadMs: 3_600_000,
    loadedAt: now,
    shuffleSeed: "0".repeat(64),
    ...overrides,
  };
}
