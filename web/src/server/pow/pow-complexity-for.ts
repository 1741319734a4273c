import "server-only";
import { env } from "@/env";
import { getQueueEntryRules } from "../queue/get-queue-entry-rules";
import type { PowPurpose } from "./schemas";

/** The proof of work a purpose asks for now; 0: none. */
export function powComplexityFor(purpose: PowPurpose): Promise<number> {
  return purpose.purpose === "signup"
    ? Promise.resolve(env.POW_SIGNUP_COMPLEXITY)
    : getQueueEntryRules({ performanceId: purpose.performanceId }).then(
        (rules) => rules.powComplexity,
      );
}
