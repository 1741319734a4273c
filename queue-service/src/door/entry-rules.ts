import { createBoundedCache } from "@ticketping/common/cache";

/** What a buyer must bring to a performance's line, as its organizer set it. */
export interface EntryRules {
  /** ALTCHA complexity; 0: no proof of work. */
  powComplexity: number;
  requireVerifiedEmail: boolean;
}

/** The organizer's settings (null complexity: the default), or null: no line (unknown or draft). */
export type LoadEntryRules = (
  performanceId: string,
) => Promise<{ powComplexity: number | null; requireVerifiedEmail: boolean } | null>;

export interface EntryRulesSource {
  /** null: no performance with a line has this id. */
  get(performanceId: string): Promise<EntryRules | null>;
}

/**
 * The web app's ticket route trusts a performance's rules for 5 s; so does the door here,
 * so that an organizer's change reaches both doors within the same time.
 */
const REMEMBER_MS = 5_000;

export function createEntryRules({
  load,
  defaultPowComplexity,
}: {
  load: LoadEntryRules;
  defaultPowComplexity: number;
}): EntryRulesSource {
  // Unknown ids are not remembered, so random ids cannot push out the performances on sale.
  const remembered = createBoundedCache<string, EntryRules>({
    maxEntries: 1_000,
    ttlMs: REMEMBER_MS,
  });
  return {
    async get(performanceId) {
      const known = remembered.get(performanceId);
      if (known) return known;
      const settings = await load(performanceId);
      if (!settings) return null;
      const rules = {
        powComplexity: settings.powComplexity ?? defaultPowComplexity,
        requireVerifiedEmail: settings.requireVerifiedEmail,
      };
      remembered.set(performanceId, rules);
      return rules;
    },
  };
}
