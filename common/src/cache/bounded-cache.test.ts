import { describe, expect, it } from "vitest";
import { createBoundedCache } from "./bounded-cache";

describe("a bounded cache", () => {
  it("keeps at most maxEntries, forgetting the least recently written first", () => {
    const cache = createBoundedCache<string, number>({ maxEntries: 2 });
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("a", 10); // rewritten: now the newest
    cache.set("c", 3);
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(10);
    expect(cache.get("c")).toBe(3);
  });

  it("forgets an entry ttlMs after it was written", () => {
    const cache = createBoundedCache<string, string>({ maxEntries: 10, ttlMs: 1_000 });
    cache.set("k", "v", 5_000);
    expect(cache.get("k", 5_999)).toBe("v");
    expect(cache.get("k", 6_000)).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.set("k", "again", 6_000);
    expect(cache.get("k", 6_500)).toBe("again");
  });

  it("keeps entries without a TTL until they are pushed out or deleted", () => {
    const cache = createBoundedCache<number, string>({ maxEntries: 3 });
    cache.set(1, "one", 0);
    expect(cache.get(1, Number.MAX_SAFE_INTEGER)).toBe("one");
    cache.delete(1);
    expect(cache.get(1)).toBeUndefined();
  });

  it("refuses a cap that could not hold anything", () => {
    expect(() => createBoundedCache({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => createBoundedCache({ maxEntries: 1.5 })).toThrow(RangeError);
  });
});
