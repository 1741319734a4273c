import { createBoundedCache, type BoundedCache } from "./bounded-cache";

/**
 * A read through a process-local memory that shares the read itself: a crowd asking for
 * the same key while it loads waits for one load, so an entry expiring under a crowd costs
 * one reload, not one per request. Answers are remembered for `ttlMs` from when they
 * arrived; failed reads are not remembered.
 */
export interface RememberedLookup<K, V> {
  /** The remembered or loading answer, or a new load; `fresh` loads anew and remembers that. */
  get(key: K, options?: { fresh?: boolean }): Promise<V>;
  /** After this process changed what `key` names: the next get loads. */
  forget(key: K): void;
}

export function createRememberedLookup<K, V>({
  load,
  ttlMs,
  maxEntries,
  keep = () => true,
  memory = createBoundedCache<K, Promise<V>>({ maxEntries, ttlMs }),
}: {
  load: (key: K) => Promise<V>;
  /** 0: only loads in flight are shared. */
  ttlMs: number;
  maxEntries: number;
  /** Whether a loaded answer is remembered (e.g. not "no such thing", which anyone can ask). */
  keep?: (value: V) => boolean;
  /** A memory shared with other copies of this lookup (e.g. across bundles of one process). */
  memory?: BoundedCache<K, Promise<V>>;
}): RememberedLookup<K, V> {
  const inFlight = new Map<K, Promise<V>>();
  return {
    get(key, { fresh = false } = {}) {
      if (!fresh) {
        const known = memory.get(key) ?? inFlight.get(key);
        if (known) return known;
      }
      const answer = load(key);
      inFlight.set(key, answer);
      // Only the latest load of a key, not forgotten meanwhile, may be remembered.
      const settle = (remember: boolean) => {
        if (inFlight.get(key) !== answer) return;
        inFlight.delete(key);
        if (remember && ttlMs > 0) memory.set(key, answer);
      };
      answer.then(
        (value) => {
          settle(keep(value));
        },
        () => {
          settle(false);
        },
      );
      return answer;
    },
    forget(key) {
      inFlight.delete(key);
      memory.delete(key);
    },
  };
}
