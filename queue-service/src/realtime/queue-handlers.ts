import { randomUUID } from "node:crypto";
import type { Logger } from "@ticketping/common/logger";
import {
  signWorkingToken,
  type ClientEvents,
  type LeaveResult,
  type QueueStanding,
  type WorkingTokenGrant,
} from "@ticketping/common/queue";
import type { QueueStore } from "@ticketping/common/queue/store";
import type { QueueServiceConfig } from "../config";
import type { QueueMetrics } from "../metrics";
import type { Notifier } from "./notifier";
import { QueueRequestError } from "./queue-request-error";
import type { RateLimiter } from "./rate-limiter";
import { respond } from "./respond";
import { buyerRoom, progressShardOf, queueShardRoom } from "./rooms";
import type { QueueSocket } from "./types";

export interface QueueHandlerContext {
  store: QueueStore;
  config: QueueServiceConfig;
  notifier: Notifier;
  metrics: QueueMetrics;
  logger: Logger;
  joinLimits: { perUser: RateLimiter; perIp: RateLimiter };
  /** Marks a queue live so every instance ticks it; throttled by the caller. */
  touchQueue: (performanceId: string) => void;
}

/** The queue's client events for one socket: join, status, claim, extend, leave. */
export function registerQueueHandlers(socket: QueueSocket, context: QueueHandlerContext): void {
  const { store, config, notifier, metrics, logger } = context;
  const { userId } = socket.data;
  const shard = progressShardOf(socket.id);

  const enter = async (performanceId: string): Promise<void> => {
    socket.data.performances.add(performanceId);
    // Rooms first: an admission pushed right after the script ran must find this socket.
    await socket.join([queueShardRoom(performanceId, shard), buyerRoom(performanceId, userId)]);
  };
  const exit = async (performanceId: string): Promise<void> => {
    socket.data.performances.delete(performanceId);
    await Promise.all([
      socket.leave(queueShardRoom(performanceId, shard)),
      socket.leave(buyerRoom(performanceId, userId)),
    ]);
  };
  /** This buyer's sockets in the queue on this instance (a socket joins the room at once). */
  const tabsOf = (performanceId: string): number =>
    socket.nsp.adapter.rooms.get(buyerRoom(performanceId, userId))?.size ?? 0;
  const handler = <Result>(
    event: keyof ClientEvents,
    handle: (performanceId: string) => Promise<Result>,
  ) =>
    respond<Result>({
      event,
      logger,
      logContext: { userId },
      onError: (code) => {
        metrics.requestErrors.inc({ event, code });
      },
      handle: ({ performanceId }) => {
        // The web app checked what entering this performance's line costs when it issued
        // the ticket; a ticket for another performance must not get around that.
        const allowed = socket.data.ticketPerformanceId;
        if (allowed !== undefined && allowed !== performanceId) {
          return Promise.reject(new QueueRequestError("OTHER_PERFORMANCE"));
        }
        return handle(performanceId);
      },
    });

  socket.on(
    "queue:join",
    handler("queue:join", async (performanceId): Promise<QueueStanding> => {
      const { perUser, perIp } = context.joinLimits;
      if (!perUser.take(userId) || !perIp.take(socket.data.ip)) {
        throw new QueueRequestError("RATE_LIMITED");
      }
      const newConnection = !socket.data.performances.has(performanceId);
      // Counted and joined in one turn of the event loop, so racing tabs cannot all pass.
      if (newConnection && tabsOf(performanceId) >= config.maxSocketsPerBuyer) {
        throw new QueueRequestError("TOO_MANY_SOCKETS");
      }
      await enter(performanceId);
      let outcome;
      try {
        outcome = await store.join({ performanceId, userId, newConnection });
      } catch (error) {
        if (newConnection) await exit(performanceId);
        throw error;
      }
      if (outcome.status === "refused") {
        if (newConnection) await exit(performanceId);
        metrics.refusals.inc({ reason: outcome.reason });
        throw new QueueRequestError(outcome.reason);
      }
      metrics.joins.inc({ outcome: outcome.rejoined ? "rejoined" : outcome.status });
      context.touchQueue(performanceId);
      if (outcome.status === "admitted" && !outcome.rejoined) {
        metrics.admissions.inc();
        notifier.admitted(performanceId, [userId], outcome.claimBy);
      }
      return outcome;
    }),
  );

  socket.on(
    "queue:status",
    handler("queue:status", async (performanceId): Promise<QueueStanding> => {
      const standing = await store.status({ performanceId, userId });
      if (standing === null) throw new QueueRequestError("NOT_IN_QUEUE");
      return standing;
    }),
  );

  socket.on(
    "queue:claim",
    handler("queue:claim", async (performanceId): Promise<WorkingTokenGrant> => {
      const outcome = await store.claim({ performanceId, userId, tokenId: randomUUID() });
      if (outcome.status === "not_admitted") throw new QueueRequestError("NOT_ADMITTED");
      return {
        performanceId,
        tokenId: outcome.tokenId,
        expiresAt: outcome.expiresAt,
        extendable: outcome.extendable,
        token: await signWorkingToken({
          secret: config.tokenSecret,
          userId,
          performanceId,
          tokenId: outcome.tokenId,
          expiresAt: outcome.expiresAt,
        }),
      };
    }),
  );

  socket.on(
    "queue:extend",
    handler("queue:extend", async (performanceId): Promise<WorkingTokenGrant> => {
      const outcome = await store.extend({ performanceId, userId });
      if (outcome.status === "not_admitted") throw new QueueRequestError("NOT_ADMITTED");
      if (outcome.status === "not_claimed") throw new QueueRequestError("NOT_CLAIMED");
      if (outcome.status === "already_extended") throw new QueueRequestError("ALREADY_EXTENDED");
      return {
        performanceId,
        tokenId: outcome.tokenId,
        expiresAt: outcome.expiresAt,
        extendable: false,
        token: await signWorkingToken({
          secret: config.tokenSecret,
          userId,
          performanceId,
          tokenId: outcome.tokenId,
          expiresAt: outcome.expiresAt,
        }),
      };
    }),
  );

  socket.on(
    "queue:leave",
    handler("queue:leave", async (performanceId): Promise<LeaveResult> => {
      const outcome = await store.leave({ performanceId, userId });
      if (outcome.status === "left" && outcome.from === "active") {
        metrics.releases.inc({ reason: "left" });
        notifier.released(performanceId, userId, "left");
      }
      await exit(performanceId);
      if (outcome.status === "not_in_queue") throw new QueueRequestError("NOT_IN_QUEUE");
      return { performanceId, left: outcome.from };
    }),
  );

  socket.on("disconnect", () => {
    for (const performanceId of socket.data.performances) {
      store.disconnect({ performanceId, userId }).catch((error: unknown) => {
        logger.warn({ err: error, userId, performanceId }, "recording a disconnect failed");
      });
    }
  });
}
