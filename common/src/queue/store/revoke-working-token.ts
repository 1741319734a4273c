import type { Redis } from "ioredis";
import { QueueStore } from "./queue-store";

/** Ends one working token before its expiry (e.g. an abusive session). True if it was live. */
export async function revokeWorkingToken(options: {
  redis: Redis;
  keyPrefix: string;
  performanceId: string;
  userId: string;
  tokenId: string;
}): Promise<boolean> {
  const store = new QueueStore({ redis: options.redis, keyPrefix: options.keyPrefix });
  const outcome = await store.release({
    performanceId: options.performanceId,
    userId: options.userId,
    reason: "revoked",
    tokenId: options.tokenId,
  });
  return outcome.status === "released";
}
