import type { Logger } from "@ticketping/common/logger";
import type { HandlerDeps } from "../handlers/deps";
import { confirmStuckPayments } from "../payments/confirm-stuck-payments";
import { finishCancelledShows } from "../refunds/finish-cancelled-shows";
import { retryPendingRefunds } from "../refunds/retry-pending-refunds";
import { giveBackEndedPresaleTurns } from "@ticketping/db";
import { holdExpiryEventId } from "@ticketping/db/lifecycle";
import { expireReservation } from "../reservations/expire-reservation";
import { passWaitlists } from "../waitlist/pass-waitlists";

export interface HoldSweeperOptions {
  deps: HandlerDeps;
  intervalMs: number;
  /** Only holds lapsed at least this long ago: the notification gets the first go. */
  graceMs: number;
  /** Refunds asked for longer ago than this and still not recorded are carried out here. */
  refundRetryAfterMs?: number;
  /** Payments recorded longer ago than this whose hold still waits are applied here. */
  stuckPaymentAfterMs?: number;
  batchSize?: number;
  logger: Logger;
}

export interface RunningHoldSweeper {
  /** One pass now; resolves with the number of reservations expired. */
  sweep: () => Promise<number>;
  stop: () => Promise<void>;
}

/**
 * Redis expiry notifications are fire-and-forget: none arrive while no worker listens,
 * and a lost one would leave seats held for ever. The sweeper expires what they missed
 * directly in PostgreSQL, without Kafka, so expiries go on during a Kafka outage too. It
 * shares the expiry code (and event id) with the hold.expired handler, so a hold reported
 * by both ends once. It also carries out refunds left pending (retryPendingRefunds),
 * finishes cancelled shows whose orders are not all refunded (finishCancelledShows),
 * applies payments whose event is stuck (confirmStuckPayments), gives back the presale uses
 * of ended turns whose end went unreported (giveBackEndedPresaleTurns) and offers free
 * seats to waitlists whose pass was missed or failed (passWaitlists).
 */
export function startHoldSweeper({
  deps,
  intervalMs,
  graceMs,
  refundRetryAfterMs = 60_000,
  stuckPaymentAfterMs = 60_000,
  batchSize = 200,
  logger,
}: HoldSweeperOptions): RunningHoldSweeper {
  const log = logger.child({ component: "hold-sweeper" });
  let stopping = false;
  let current: Promise<number> | undefined;

  const sweepOnce = async (): Promise<number> => {
    let total = 0;
    // One provider failure a pass: the other holds with a session wait for the next pass
    // instead of each waiting out the provider's timeouts.
    let providerDown = false;
    for (;;) {
      // Paid holds are left out: their payment confirms them, however late the worker
      // gets to it, and they must not crowd the batch while Kafka is down.
      const lapsed = await deps.prisma.reservation.findMany({
        where: {
          status: "PENDING",
          holdExpiresAt: { lt: new Date(Date.now() - graceMs) },
          checkoutCompletedAt: null,
          payments: { none: { status: "COMPLETED" } },
        },
        select: { id: true, checkoutSessionId: true },
        orderBy: { holdExpiresAt: "asc" },
        take: batchSize,
      });
      let expired = 0;
      for (const { id, checkoutSessionId } of lapsed) {
        if (stopping) return total + expired;
        if (providerDown && checkoutSessionId) continue;
        try {
          const outcome = await expireReservation(deps, {
            reservationId: id,
            eventId: holdExpiryEventId(id),
          });
          if (outcome.outcome === "expired") expired++;
          if (outcome.outcome === "provider-unreachable") providerDown = true;
        } catch (error) {
          // E.g. the provider is down while expiring the session: the next holds still go.
          log.warn({ err: error, reservationId: id }, "could not finish a lapsed hold");
        }
      }
      total += expired;
      // A full batch that all expired may have more behind it.
      if (lapsed.length < batchSize || expired === 0) break;
    }
    if (total > 0) log.info({ expired: total }, "swept lapsed holds");
    const refunded = await retryPendingRefunds(deps, { olderThanMs: refundRetryAfterMs });
    if (refunded > 0) log.info({ refunded }, "carried out pending refunds");
    const cancelled = await finishCancelledShows(deps, { olderThanMs: refundRetryAfterMs });
    if (cancelled > 0) log.info({ cancelled }, "refunded orders of cancelled shows");
    await confirmStuckPayments(deps, { olderThanMs: stuckPaymentAfterMs });
    const uses = await giveBackEndedPresaleTurns(deps.prisma);
    if (uses > 0) log.info({ uses }, "gave back presale uses of ended turns");
    const waitlists = await passWaitlists(deps);
    if (waitlists.offered > 0) log.info(waitlists, "made waitlist offers");
    return total;
  };

  const sweep = () => {
    current ??= sweepOnce().finally(() => {
      current = undefined;
    });
    return current;
  };

  const timer = setInterval(() => {
    sweep().catch((error: unknown) => {
      log.warn({ err: error }, "hold sweep failed; retrying next interval");
    });
  }, intervalMs);
  // A pass at start-up catches what lapsed while no worker ran.
  void sweep().catch((error: unknown) => {
    log.warn({ err: error }, "hold sweep failed; retrying next interval");
  });

  return {
    sweep,
    stop: async () => {
      stopping = true;
      clearInterval(timer);
      await current?.catch(() => undefined);
    },
  };
}
