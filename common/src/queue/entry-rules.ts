import { createRememberedLookup } from "../cache/remembered-lookup";

/** What a buyer must bring to a performance's line, as its organizer set it. */
export interface QueueEntryRules {
  /** The proof of work entering costs (ALTCHA complexity); 0: none. */
  powComplexity: number;
  /** Whether only buyers with a confirmed email address may join. */
  requireVerifiedEmail: boolean;
  /** Epoch ms the general sale opens after a presale; null: no presale. */
  generalSaleOpensAt: number | null;
}

/** The organizer's stored settings (null complexity: the default), or null: no line. */
export type LoadQueueEntryRules = (performanceId: string) => Promise<{
  powComplexity: number | null;
  requireVerifiedEmail: boolean;
  generalSaleOpensAt: number | null;
} | null>;

export interface QueueEntryRulesSource {
  /** null: no performance with a line (unknown, or a draft) has this id. */
  get(performanceId: string): Promise<QueueEntryRules | null>;
  /** After an organizer's edit in this process: the next entry reads the new settings. */
  forget(performanceId: string): void;
}

/**
 * How long a process trusts a performance's rules. Both doors into a line (the web app's
 * ticket route and the queue socket's session handshake) use this source, so an
 * organizer's change reaches both within the same time; a crowd at either door costs one
 * read per performance in that time, however many arrive at once.
 */
const REMEMBER_MS = 5_000;

export function createQueueEntryRules({
  load,
  defaultPowComplexity,
}: {
  load: LoadQueueEntryRules;
  /** For a line whose organizer left the proof of work empty. */
  defaultPowComplexity: number;
}): QueueEntryRulesSource {
  const lookup = createRememberedLookup<string, QueueEntryRules | null>({
    load: async (performanceId) => {
      const stored = await load(performanceId);
      return (
        stored && {
          powComplexity: stored.powComplexity ?? defaultPowComplexity,
          requireVerifiedEmail: stored.requireVerifiedEmail,
          generalSaleOpensAt: stored.generalSaleOpensAt,
        }
      );
    },
    ttlMs: REMEMBER_MS,
    // More performances than are ever on sale at once. Unknown ids are not remembered, so
    // random ids cannot push out the performances on sale.
    maxEntries: 1_000,
    keep: (rules) => rules !== null,
  });
  return {
    get: (performanceId) => lookup.get(performanceId),
    forget: (performanceId) => {
      lookup.forget(performanceId);
    },
  };
}
