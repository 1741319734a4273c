import { createHash } from "node:crypto";
import type { FairnessCommitment } from "./schemas";

/** What the API publishes before the shuffle: the seed's SHA-256, never the seed. */
export function commitmentOf(seed: string): FairnessCommitment {
  return {
    algorithm: "ticketping-shuffle-v1",
    commitment: createHash("sha256").update(seed, "ascii").digest("hex"),
  };
}
