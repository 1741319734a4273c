/**
 * A process-local memo that cannot grow without bound: at most `maxEntries` entries, the
 * least recently written forgotten first, and (with `ttlMs`) each entry only for that long
 * after it was written. For what a hot path would otherwise recompute or re-read on every
 * request (decoded sessions, verified tokens, parsed layouts, settings).
 */
export interface BoundedCache<K, V> {
  /** The value, unless it was never written, was forgotten or has outlived its TTL. */
  get(key: K, now?: number): V | undefined;
  set(key: K, value: V, now?: number): void;
  delete(key: K): void;
  readonly size: number;
}

export function createBoundedCache<K, V>({
  maxEntries,
  ttlMs,
}: {
  maxEntries: number;
  /** Omitted: entries live until pushed out (or deleted). */
  ttlMs?: number;
}): BoundedCache<K, V> {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, not ${maxEntries}`);
  }
  // A Map iterates in insertion order: re-inserting on write keeps the oldest write first.
  const entries = new Map<K, { value: V; expiresAt: number }>();
  return {
    get(key, now = Date.now()) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value, now = Date.now()) {
      entries.delete(key);
      entries.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : now + ttlMs });
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
