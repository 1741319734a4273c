/**
 * Token buckets in memory, per key. Per instance on purpose: Socket.IO needs sticky
 * sessions, so one client's requests reach one instance, and a limit must cost no Redis
 * round trip on the hot path. Allows a 10-second burst of the per-minute rate. A bucket that
 * has filled up again is forgotten (a missing key is a full bucket), so tens of thousands of
 * buyers who joined once and now wait hold no entry each.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly capacity: number;
  private readonly refillPerMs: number;
  /** How long an emptied bucket takes to fill up again. */
  private readonly refillAllMs: number;

  constructor(
    perMinute: number,
    private readonly maxKeys = 100_000,
  ) {
    this.capacity = Math.max(1, Math.ceil(perMinute / 6));
    this.refillPerMs = perMinute / 60_000;
    this.refillAllMs = this.capacity / this.refillPerMs;
  }

  /** Takes one token for `key`; false when the key is over its limit. */
  take(key: string, now = Date.now()): boolean {
    this.forgetFullBuckets(now);
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

  /** From the least recently used on: full again, so forgetting them changes nothing. */
  private forgetFullBuckets(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at < this.refillAllMs) return;
      this.buckets.delete(key);
    }
  }

  /** How many keys it holds a bucket for. */
  get size(): number {
    return this.buckets.size;
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
