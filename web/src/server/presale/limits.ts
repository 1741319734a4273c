// No zod: the console's form reads these to set its inputs' bounds.
export const presaleCodeLimits = {
  /** Single-use codes made at once. */
  count: { max: 1_000 },
  /** A shared code's uses. */
  useLimit: { max: 1_000_000 },
  /** Codes a performance may have in all (the list is read whole). */
  perPerformance: 10_000,
} as const;
