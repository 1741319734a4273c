import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter";

describe("RateLimiter", () => {
  it("allows a 10-second burst of the per-minute rate, then refills steadily", () => {
    const limiter = new RateLimiter(60);
    const start = 1_000_000;
    const burst = Array.from({ length: 11 }, () => limiter.take("user", start));
    expect(burst.filter(Boolean)).toHaveLength(10);
    expect(limiter.take("user", start + 500)).toBe(false);
    expect(limiter.take("user", start + 1_000)).toBe(true);
    expect(limiter.take("someone-else", start)).toBe(true);
  });

  it("forgets the least recently used keys beyond its size bound", () => {
    const limiter = new RateLimiter(6, 10);
    for (let index = 0; index < 10; index++) limiter.take(`key-${index}`, 0);
    expect(limiter.take("key-0", 0)).toBe(false);
    for (let index = 10; index < 12; index++) limiter.take(`key-${index}`, 0);
    // key-1 was the oldest untouched entry and is forgotten: a fresh bucket again.
    expect(limiter.take("key-1", 0)).toBe(true);
  });

  it("forgets a bucket once it is full again, and counts it as full", () => {
    // 60 a minute: a burst of 10, full again 10 s after the last take.
    const limiter = new RateLimiter(60);
    for (let index = 0; index < 10; index++) limiter.take("emptied", 0);
    limiter.take("recent", 5_000);
    expect(limiter.size).toBe(2);
    expect(limiter.take("other", 9_999)).toBe(true);
    expect(limiter.size).toBe(3);
    expect(limiter.take("other", 10_000)).toBe(true);
    // "emptied" refilled and is forgotten; "recent" is not full yet and stays.
    expect(limiter.size).toBe(2);
    expect(limiter.retryAfterMs("emptied", 10_000)).toBe(0);
    const burst = Array.from({ length: 11 }, () => limiter.take("emptied", 10_000));
    expect(burst.filter(Boolean)).toHaveLength(10);
  });
});
