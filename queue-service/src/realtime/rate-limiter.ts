/**
 * Token buckets in memory, per key. Per instance on purpose: Socket.IO needs sticky
 * sessions, so one client's requests reach one instance, and a limit must cost no Redis
 * round trip on the hot path. Allows a 10-second burst of the per-minute rate.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly capacity: number;
  private readonly refillPerMs: number;

  constructor(
    perMinute: number,
    private readonly maxKeys = 100_000,
  ) {
    this.capacity = Math.max(1, Math.ceil(perMinute / 6));
    this.refillPerMs = perMinute / 60_000;
  }

  /** Takes one token for `key`; false when the key is over its limit. */
  take(key: string, now = Date.now()): boolean {
    const bucket = this.buckets.get(key);
    let tokens = this.capacity;
    if (bucket) {
      tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * this.refillPerMs);
      // Re-inserting keeps the Map in least-recently-used order for eviction.
      this.buckets.delete(key);
    }
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    this.evictIfFull();
    return allowed;
  }

  /** How long until `key` has a token again; 0 when it has one now. */
  retryAfterMs(key: string, now = Date.now()): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * this.refillPerMs);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.refillPerMs);
  }

  private evictIfFull(): void {
    if (this.buckets.size <= this.maxKeys) return;
    // The oldest entries have refilled long ago: forgetting them changes nothing.
    let excess = Math.ceil(this.maxKeys / 10);
    for (const key of this.buckets.keys()) {
      if (excess-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}
