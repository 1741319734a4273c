import { describe, expect, it } from "vitest";
import { createRememberedLookup } from "./remembered-lookup";

/** A load whose answers arrive only when the test says so, counting every call. */
function controlledLoad<V>() {
  const calls: { key: string; answer: (value: V) => void; fail: (error: Error) => void }[] = [];
  const load = (key: string) =>
    new Promise<V>((resolve, reject) => {
      calls.push({ key, answer: resolve, fail: reject });
    });
  return { calls, load };
}

describe("createRememberedLookup", () => {
  it("gives a crowd asking during one load that load's answer", async () => {
    const { calls, load } = controlledLoad<number>();
    const lookup = createRememberedLookup({ load, ttlMs: 5_000, maxEntries: 10 });
    const answers = Array.from({ length: 100 }, () => lookup.get("a"));
    expect(calls).toHaveLength(1);
    calls[0]?.answer(7);
    expect(await Promise.all(answers)).toEqual(Array(100).fill(7));
  });

  it("remembers an answer until its time is up, then loads once for the next crowd", async () => {
    const { calls, load } = controlledLoad<number>();
    const lookup = createRememberedLookup({ load, ttlMs: 40, maxEntries: 10 });
    const first = lookup.get("a");
    calls[0]?.answer(1);
    await first;
    await expect(lookup.get("a")).resolves.toBe(1);
    expect(calls).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const crowd = [lookup.get("a"), lookup.get("a"), lookup.get("a")];
    expect(calls).toHaveLength(2);
    calls[1]?.answer(2);
    expect(await Promise.all(crowd)).toEqual([2, 2, 2]);
  });

  it("shares loads in flight even when it remembers nothing", async () => {
    const { calls, load } = controlledLoad<number>();
    const lookup = createRememberedLookup({ load, ttlMs: 0, maxEntries: 10 });
    const both = [lookup.get("a"), lookup.get("a")];
    expect(calls).toHaveLength(1);
    calls[0]?.answer(3);
    expect(await Promise.all(both)).toEqual([3, 3]);
    void lookup.get("a");
    expect(calls).toHaveLength(2);
  });

  it("does not remember a failed load or an answer it is told not to keep", async () => {
    const { calls, load } = controlledLoad<number | null>();
    const lookup = createRememberedLookup({
      load,
      ttlMs: 5_000,
      maxEntries: 10,
      keep: (value) => value !== null,
    });
    const failing = lookup.get("a");
    calls[0]?.fail(new Error("database away"));
    await expect(failing).rejects.toThrow("database away");
    const missing = lookup.get("a");
    expect(calls).toHaveLength(2);
    calls[1]?.answer(null);
    await expect(missing).resolves.toBeNull();
    void lookup.get("a");
    expect(calls).toHaveLength(3);
  });

  it("reads afresh when asked, and forgets what this process changed", async () => {
    const { calls, load } = controlledLoad<number>();
    const lookup = createRememberedLookup({ load, ttlMs: 5_000, maxEntries: 10 });
    const first = lookup.get("a");
    calls[0]?.answer(1);
    await first;
    const fresh = lookup.get("a", { fresh: true });
    expect(calls).toHaveLength(2);
    calls[1]?.answer(2);
    await expect(fresh).resolves.toBe(2);
    await expect(lookup.get("a")).resolves.toBe(2);
    // A load forgotten while in flight does not come back as the remembered answer.
    const stale = lookup.get("a", { fresh: true });
    lookup.forget("a");
    calls[2]?.answer(99);
    await stale;
    void lookup.get("a");
    expect(calls).toHaveLength(4);
  });
});
