import type { Logger } from "@ticketping/common/logger";
import { parseGrantKey, type ReleaseReason } from "@ticketping/common/queue";
import type { QueueStore } from "@ticketping/common/queue/store";
import {
  masterNodes,
  type ExpiredKeyListener,
  type ExpiredKeySource,
  type RedisClient,
} from "@ticketping/common/redis";

/**
 * Frees a slot the moment its grant key expires, from Redis keyspace notifications
 * (notify-keyspace-events must include "Ex"; on a Redis Cluster, heard from every master).
 * Every instance receives every notification; release.lua lets exactly one of them free
 * the slot and report it.
 */
export function listenForExpiredGrants(options: {
  expiredKeys: ExpiredKeySource;
  store: QueueStore;
  logger: Logger;
  onReleased: (
    performanceId: string,
    userId: string,
    reason: ReleaseReason,
    tokenId?: string,
  ) => void;
}): ExpiredKeyListener {
  const { store, logger, onReleased } = options;

  const listener = options.expiredKeys((key) => {
    const grant = parseGrantKey(store.keyPrefix, key);
    if (!grant) return;
    store.release({ ...grant, reason: "expired" }).then(
      (outcome) => {
        if (outcome.status === "released") {
          onReleased(grant.performanceId, grant.userId, outcome.reason, outcome.tokenId);
        }
      },
      (error: unknown) => {
        // The sweeper will free it.
        logger.warn({ err: error, ...grant }, "releasing an expired grant failed");
      },
    );
  });
  // Not awaited by the caller's start-up: with Redis down the service must still come up
  // (and report itself degraded); ioredis subscribes once the connection is back.
  const ready = listener.ready.then(() => warnIfNotificationsOff(store.redis, logger));
  return { ready, stop: listener.stop };
}

async function warnIfNotificationsOff(redis: RedisClient, logger: Logger): Promise<void> {
  for (const node of await masterNodes(redis)) {
    try {
      const reply = await node.config("GET", "notify-keyspace-events");
      const flags = Array.isArray(reply) && typeof reply[1] === "string" ? reply[1] : "";
      const keyEvents = flags.includes("E");
      const expired = flags.includes("x") || flags.includes("A");
      if (!keyEvents || !expired) {
        logger.warn(
          { flags, node: `${node.options.host ?? ""}:${node.options.port ?? ""}` },
          "Redis notify-keyspace-events lacks Ex: expired slots are freed by the sweeper only",
        );
      }
    } catch {
      // Managed Redis often forbids CONFIG; the sweeper covers either way.
      return;
    }
  }
}
