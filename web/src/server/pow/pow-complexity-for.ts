import "server-only";
import { env } from "@/env";
import { getQueuePowComplexity } from "./get-queue-pow-complexity";
import type { PowPurpose } from "./schemas";

/** The proof of work a purpose asks for now; 0: none. */
export function powComplexityFor(purpose: PowPurpose): Promise<number> {
  return purpose.purpose === "signup"
    ? Promise.resolve(env.POW_SIGNUP_COMPLEXITY)
    : getQueuePowComplexity({ performanceId: purpose.performanceId });
}
