import { randomUUID } from "node:crypto";
import type { Logger } from "@ticketping/common/logger";
import {
  isPresaleOn,
  signWorkingToken,
  type QueueEntryRulesSource,
  type ReleaseReason,
  type ClientEvents,
  type LeaveResult,
  type QueueStanding,
  type WorkingTokenGrant,
} from "@ticketping/common/queue";
import type { ExtendOutcome, QueueStore } from "@ticketping/common/queue/store";
import { isDatabaseUnavailable } from "@ticketping/db";
import type { QueueServiceConfig } from "../config";
import type { PresaleLedger } from "../door/presale-ledger";
import type { QueueMetrics } from "../metrics";
import type { LocalQueueSockets } from "./local-queue-sockets";
import type { Notifier } from "./notifier";
import { QueueRequestError } from "./queue-request-error";
import type { RateLimiter } from "./rate-limiter";
import { respond } from "./respond";
import { progressShardOf } from "./rooms";
import type { QueueSocket } from "./types";

export interface QueueHandlerContext {
  store: QueueStore;
  config: QueueServiceConfig;
  notifier: Notifier;
  /** This instance's sockets per queue and buyer (the notifier reaches tabs through it). */
  sockets: LocalQueueSockets;
  metrics: QueueMetrics;
  logger: Logger;
  joinLimits: { perUser: RateLimiter; perIp: RateLimiter };
  /**
   * Marks a queue live so every instance ticks it, at least until `until` (a round still to
   * run); throttled by the caller.
   */
  touchQueue: (performanceId: string, until?: number) => void;
  /** The line's rules (when a presale ends) and the presale codes' ledger. */
  entryRules: QueueEntryRulesSource;
  presale: PresaleLedger;
  /** A working slot ended: count it, tell the buyer's tabs, give back an unused presale use. */
  onReleased: (
    performanceId: string,
    userId: string,
    reason: ReleaseReason,
    tokenId?: string,
  ) => void;
}

type Listener = (this: QueueSocket, ...args: unknown[]) => void;

/**
 * The queue's client events (join, status, claim, extend, leave) and the disconnect, made
 * once per server: Socket.IO calls a listener with the socket as `this`, so tens of
 * thousands of waiting sockets share these functions instead of each holding closures.
 */
export function createQueueHandlers(context: QueueHandlerContext): (socket: QueueSocket) => void {
  const { store, config, metrics, logger } = context;

  const { sockets } = context;
  const enter = async (socket: QueueSocket, performanceId: string): Promise<void> => {
    // Indexed and in its room first: an admission pushed right after the script ran must
    // find this socket.
    socket.data.performances.add(sockets.add(performanceId, socket));
    const room = sockets.shardRooms(performanceId)?.[progressShardOf(socket.id)];
    if (room !== undefined) await socket.join(room);
  };
  const exit = async (socket: QueueSocket, performanceId: string): Promise<void> => {
    const room = sockets.shardRooms(performanceId)?.[progressShardOf(socket.id)];
    socket.data.performances.delete(performanceId);
    sockets.remove(performanceId, socket);
    // leave() answers a promise only with an asynchronous adapter.
    if (room !== undefined) await socket.leave(room);
  };
  const handler = <Result>(
    event: keyof ClientEvents,
    handle: (socket: QueueSocket, performanceId: string, userId: string) => Promise<Result>,
  ): Listener =>
    function (this: QueueSocket, ...args: unknown[]) {
      const { userId } = this.data;
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
          const allowed = this.data.ticketPerformanceId;
          if (allowed !== undefined && allowed !== performanceId) {
            return Promise.reject(new QueueRequestError("OTHER_PERFORMANCE"));
          }
          return handle(this, performanceId, userId);
        },
      })(...args);
    };

  const joinLine = async (
    socket: QueueSocket,
    performanceId: string,
    userId: string,
  ): Promise<QueueStanding> => {
    const { perUser, perIp } = context.joinLimits;
    if (!perUser.take(userId) || !perIp.take(socket.data.ip)) {
      throw new QueueRequestError("RATE_LIMITED");
    }
    const newConnection = !socket.data.performances.has(performanceId);
    // Counted and joined in one turn of the event loop, so racing tabs cannot all pass.
    if (newConnection && sockets.tabCount(performanceId, userId) >= config.maxSocketsPerBuyer) {
      throw new QueueRequestError("TOO_MANY_SOCKETS");
    }
    await enter(socket, performanceId);
    let outcome;
    try {
      outcome = await store.join({
        performanceId,
        userId,
        newConnection,
        // Entered with a presale code: buys in the presale; without one, waits for the
        // general sale while a presale runs (the doors let such buyers in from its lead).
        presaleHolder: socket.data.presaleCodeId !== undefined,
      });
    } catch (error) {
      if (newConnection) await exit(socket, performanceId);
      throw error;
    }
    if (outcome.status === "refused") {
      if (newConnection) await exit(socket, performanceId);
      metrics.refusals.inc({ reason: outcome.reason });
      throw new QueueRequestError(outcome.reason);
    }
    metrics.joins.inc({ outcome: outcome.rejoined ? "rejoined" : outcome.status });
    context.touchQueue(performanceId, outcome.progress.generalOpensAt);
    if (outcome.status === "admitted" && !outcome.rejoined) {
      metrics.admissions.inc();
      context.notifier.admitted(performanceId, [userId], outcome.claimBy);
    }
    return outcome;
  };
  /**
   * A join waits in its sale's batch, so the socket may close before the script runs: the
   * disconnect then waits for the join's answer to be handled, or the join would land after
   * it and the buyer's place would outlive their last tab (never dropped as abandoned).
   */
  const join = handler("queue:join", (socket, performanceId, userId) => {
    const joined = joinLine(socket, performanceId, userId);
    const handled = joined.then(
      () => undefined,
      () => undefined,
    );
    const joining = (socket.data.joining ??= new Map<string, Promise<void>>());
    // Chained, not replaced: a second join refused at once must not stop the disconnect
    // from waiting for a first one still in its batch.
    const earlier = joining.get(performanceId);
    const settled = earlier ? Promise.all([earlier, handled]).then(() => undefined) : handled;
    joining.set(performanceId, settled);
    void settled.then(() => {
      if (joining.get(performanceId) !== settled) return;
      joining.delete(performanceId);
      if (joining.size === 0 && socket.data.joining === joining) delete socket.data.joining;
    });
    return joined;
  });

  const status = handler(
    "queue:status",
    async (_socket, performanceId, userId): Promise<QueueStanding> => {
      const standing = await store.status({ performanceId, userId });
      if (standing === null) throw new QueueRequestError("NOT_IN_QUEUE");
      return standing;
    },
  );

  /**
   * During a presale the turn costs one use of the code this socket entered with, spent
   * once per turn (the token id) as the token is handed over. A turn the code cannot pay
   * for (spent by another holder or revoked since the door, or a socket that entered
   * without one before the organizer moved the general sale later) ends at once, so its
   * slot goes to the next buyer rather than idling until the token's expiry.
   */
  const payPresale = async (
    socket: QueueSocket,
    performanceId: string,
    userId: string,
    tokenId: string,
    expiresAt: number,
  ): Promise<void> => {
    const spent = await retryableOnOutage(async () => {
      let rules = await context.entryRules.get(performanceId);
      const codeId = socket.data.presaleCodeId;
      if (codeId === undefined && rules && isPresaleOn(rules.generalSaleOpensAt, Date.now())) {
        // The line admits on fresh settings; these rules are remembered for seconds. An
        // organizer who just ended the presale (or opened the general sale now) let this
        // codeless buyer in: ask again before ending the turn as unpaid.
        context.entryRules.forget(performanceId);
        rules = await context.entryRules.get(performanceId);
      }
      if (!rules || !isPresaleOn(rules.generalSaleOpensAt, Date.now())) {
        // A turn the presale paid for, extended after the general sale opened: nothing to
        // spend, but its use must not count the turn over at the token's first expiry.
        if (codeId !== undefined) {
          await context.presale.extendTurn({ tokenId, turnEndsAt: new Date(expiresAt) });
        }
        return "free";
      }
      return codeId === undefined
        ? "required"
        : context.presale.spend({
            codeId,
            performanceId,
            userId,
            tokenId,
            turnEndsAt: new Date(expiresAt),
          });
    });
    if (spent === "free") return;
    if (spent === "spent") return;
    const released = await store.release({ performanceId, userId, reason: "revoked" });
    if (released.status === "released") {
      context.onReleased(performanceId, userId, released.reason, tokenId);
    }
    throw new QueueRequestError(
      spent === "required"
        ? "PRESALE_CODE_REQUIRED"
        : spent === "used_up"
          ? "PRESALE_CODE_USED_UP"
          : "PRESALE_CODE_INVALID",
    );
  };

  /**
   * PostgreSQL out of reach: SERVICE_UNAVAILABLE, which the client retries. The grant
   * stays claimed and the next claim retries the spend under the same token id.
   */
  const retryableOnOutage = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw new QueueRequestError("SERVICE_UNAVAILABLE");
      throw error;
    }
  };

  const claim = handler(
    "queue:claim",
    async (socket, performanceId, userId): Promise<WorkingTokenGrant> => {
      const outcome = await store.claim({ performanceId, userId, tokenId: randomUUID() });
      if (outcome.status === "not_admitted") throw new QueueRequestError("NOT_ADMITTED");
      await payPresale(socket, performanceId, userId, outcome.tokenId, outcome.expiresAt);
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
    },
  );

  const extend = handler(
    "queue:extend",
    async (socket, performanceId, userId): Promise<WorkingTokenGrant> => {
      // Paid before Redis changes: a spend that fails (an outage) must not use up the
      // turn's one extension. The grant is marked claimed before the claim's spend runs, so
      // a claimed grant may be one its code never paid for: this pays it, and moves the
      // turn's end to the extension's. Under the turn's token id a paid turn spends nothing
      // more.
      const planned = await store.extend({ performanceId, userId, checkOnly: true });
      if (planned.status !== "extendable") throw extendRefusal(planned.status);
      await payPresale(socket, performanceId, userId, planned.tokenId, planned.expiresAt);
      const outcome = await store.extend({ performanceId, userId });
      if (outcome.status !== "extended") throw extendRefusal(outcome.status);
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
    },
  );

  const extendRefusal = (status: ExtendOutcome["status"]): QueueRequestError =>
    new QueueRequestError(
      status === "not_claimed"
        ? "NOT_CLAIMED"
        : status === "already_extended"
          ? "ALREADY_EXTENDED"
          : "NOT_ADMITTED",
    );

  const leave = handler(
    "queue:leave",
    async (socket, performanceId, userId): Promise<LeaveResult> => {
      const outcome = await store.leave({ performanceId, userId });
      if (outcome.status === "left" && outcome.from === "active") {
        context.onReleased(performanceId, userId, "left", outcome.tokenId);
      }
      await exit(socket, performanceId);
      if (outcome.status === "not_in_queue") throw new QueueRequestError("NOT_IN_QUEUE");
      return { performanceId, left: outcome.from };
    },
  );

  function disconnect(this: QueueSocket): void {
    const { userId } = this.data;
    for (const performanceId of this.data.performances) {
      // Socket.IO takes the socket out of its rooms itself; the index is ours.
      sockets.remove(performanceId, this);
      const joining = this.data.joining?.get(performanceId);
      const recorded = joining
        ? // A refused first join leaves no tab to take back (it left `performances`).
          joining.then(() =>
            this.data.performances.has(performanceId)
              ? store.disconnect({ performanceId, userId })
              : undefined,
          )
        : store.disconnect({ performanceId, userId });
      recorded.catch((error: unknown) => {
        logger.warn({ err: error, userId, performanceId }, "recording a disconnect failed");
      });
    }
  }

  return (socket) => {
    socket.on("queue:join", join);
    socket.on("queue:status", status);
    socket.on("queue:claim", claim);
    socket.on("queue:extend", extend);
    socket.on("queue:leave", leave);
    socket.on("disconnect", disconnect);
  };
}
