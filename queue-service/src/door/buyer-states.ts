import { createBatcher, createRememberedLookup } from "@ticketping/common/cache";

/** What the session door needs to know about a buyer, as PostgreSQL has it now. */
export interface BuyerState {
  /** users.session_version: a session opened under another version was ended. */
  sessionVersion: number;
  emailVerified: boolean;
}

/** The states of these users (absent: no such user), in one read. */
export type LoadBuyerStates = (userIds: string[]) => Promise<Map<string, BuyerState>>;

export interface BuyerStates {
  /** The user's state, null when the user no longer exists; `fresh` skips the memory. */
  current(userId: string, options?: { fresh?: boolean }): Promise<BuyerState | null>;
}

/**
 * Buyers' states remembered for `ttlMs` (the web app's SESSION_CHECK_TTL_SECONDS: a
 * revocation reaches the socket door as soon as it reaches the web app's pages), looked
 * up in batches: a crowd of new buyers at the door costs a few queries, not one each.
 */
export function createBuyerStates({
  load,
  ttlMs,
}: {
  load: LoadBuyerStates;
  ttlMs: number;
}): BuyerStates {
  const lookups = createBatcher<string, BuyerState | null>({
    maxBatchSize: 500,
    maxConcurrentBatches: 2,
    runBatch: async (userIds) => {
      const states = await load([...new Set(userIds)]);
      return userIds.map((userId) => states.get(userId) ?? null);
    },
  });
  const states = createRememberedLookup({
    load: (userId: string) => lookups.submit(userId),
    ttlMs,
    maxEntries: 100_000,
  });
  return { current: (userId, options) => states.get(userId, options) };
}
