import type { Logger } from "@ticketping/common/logger";
import { parseGrantKey, type ReleaseReason } from "@ticketping/common/queue";
import type { QueueStore } from "@ticketping/common/queue/store";
import type { Redis } from "@ticketping/common/redis";

/**
 * Frees a slot the moment its grant key expires, from Redis keyspace notifications
 * (notify-keyspace-events must include "Ex"). Every instance receives every notification;
 * release.lua lets exactly one of them free the slot and report it.
 */
export function listenForExpiredGrants(options: {
  subscriber: Redis;
  store: QueueStore;
  logger: Logger;
  onReleased: (performanceId: string, userId: string, reason: ReleaseReason) => void;
}): { ready: Promise<void>; stop: () => Promise<void> } {
  const { subscriber, store, logger, onReleased } = options;
  const channel = `__keyevent@${subscriber.options.db ?? 0}__:expired`;

  const onMessage = (from: string, key: string): void => {
    if (from !== channel) return;
    const grant = parseGrantKey(store.keyPrefix, key);
    if (!grant) return;
    store.release({ ...grant, reason: "expired" }).then(
      (outcome) => {
        if (outcome.status === "released") {
          onReleased(grant.performanceId, grant.userId, outcome.reason);
        }
      },
      (error: unknown) => {
        // The sweeper will free it.
        logger.warn({ err: error, ...grant }, "releasing an expired grant failed");
      },
    );
  };

  subscriber.on("message", onMessage);
  // Not awaited by the caller's start-up: with Redis down the service must still come up
  // (and report itself degraded); ioredis subscribes once the connection is back.
  const ready = subscriber
    .subscribe(channel)
    .then(() => warnIfNotificationsOff(store.redis, logger));

  return {
    ready,
    stop: async () => {
      subscriber.off("message", onMessage);
      // While Redis is unreachable an unsubscribe would wait for it forever; closing the
      // connection afterwards ends the subscription anyway.
      if (subscriber.status === "ready") {
        await subscriber.unsubscribe(channel).catch(() => undefined);
      }
    },
  };
}

async function warnIfNotificationsOff(redis: Redis, logger: Logger): Promise<void> {
  try {
    const reply = await redis.config("GET", "notify-keyspace-events");
    const flags = Array.isArray(reply) && typeof reply[1] === "string" ? reply[1] : "";
    const keyEvents = flags.includes("E");
    const expired = flags.includes("x") || flags.includes("A");
    if (!keyEvents || !expired) {
      logger.warn(
        { flags },
        "Redis notify-keyspace-events lacks Ex: expired slots are freed by the sweeper only",
      );
    }
  } catch {
    // Managed Redis often forbids CONFIG; the sweeper covers either way.
  }
}
