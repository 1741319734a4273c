import { isPaidHoldRefusal } from "@ticketping/db";
import { expireHeldReservation } from "@ticketping/db/lifecycle";
import type { HandlerDeps } from "../handlers/deps";
import { workerMetrics } from "../metrics";
import { settleReservation } from "./settle-reservation";

/**
 * A hold with a payment page open ends this much after its time, never before: a buyer
 * who pressed Pay in the last second has their payment recorded (the webhook, a round
 * trip away) before the seats can go back on sale.
 */
export const PAYMENT_IN_FLIGHT_GRACE_MS = 5_000;

export type ExpiryOutcome =
  /** The reservation ended EXPIRED now. */
  | "expired"
  /** Not PENDING any more, or its hold has not lapsed yet (never early: the buyer was shown it). */
  | "not-due"
  /** A completed payment is recorded: it is confirmed, however late the worker gets to it. */
  | "paid"
  /** The provider says its checkout session was paid; the hold waits for the webhook. */
  | "paid-at-provider"
  /** The provider could not be asked whether the session was paid: asked again next time. */
  | "provider-unreachable";

/**
 * A hold lapsed: the PENDING reservation ends EXPIRED (the database's triggers put its
 * seats back on sale), then the cache frees the seats. Never early, and never for a paid
 * hold: a completed payment recorded by the webhook keeps it (the database refuses the
 * expiry, whatever lags behind), and so does a checkout session the provider reports
 * paid, whose webhook is still on its way. So the provider's session is expired first;
 * once it is, no payment can start after the expiry.
 *
 * Idempotent by state (only a PENDING, lapsed, unpaid hold changes: expireHeldReservation),
 * so every source may report the same expiry.
 */
export async function expireReservation(
  deps: HandlerDeps,
  {
    reservationId,
    eventId,
    now = new Date(),
  }: { reservationId: string; eventId: string; now?: Date },
): Promise<{ outcome: ExpiryOutcome }> {
  const { outcome, sessionExpired } = await expireIfDue(deps, { reservationId, eventId, now });
  // A paid hold is settled by its payment's handler; anything else may need repair.
  if (outcome === "expired" || outcome === "not-due") {
    await settleReservation(deps, { reservationId, expireCheckout: !sessionExpired });
  }
  if (outcome === "expired") workerMetrics.holdsExpired.inc();
  return { outcome };
}

async function expireIfDue(
  deps: HandlerDeps,
  { reservationId, eventId, now }: { reservationId: string; eventId: string; now: Date },
): Promise<{ outcome: ExpiryOutcome; sessionExpired: boolean }> {
  const { prisma, payments, logger } = deps;
  const answer = (outcome: ExpiryOutcome, sessionExpired = false) => ({ outcome, sessionExpired });
  const reservation = await prisma.reservation.findUnique({
    where: { id: reservationId },
    select: {
      status: true,
      scheduleId: true,
      holdExpiresAt: true,
      checkoutProvider: true,
      checkoutSessionId: true,
      checkoutCompletedAt: true,
      _count: { select: { payments: { where: { status: "COMPLETED" } } } },
    },
  });
  const grace = reservation?.checkoutSessionId ? PAYMENT_IN_FLIGHT_GRACE_MS : 0;
  if (
    reservation?.status !== "PENDING" ||
    reservation.holdExpiresAt.getTime() + grace > now.getTime()
  ) {
    return answer("not-due");
  }
  if (reservation._count.payments > 0) return answer("paid");
  if (reservation.checkoutCompletedAt) return answer("paid-at-provider");

  let sessionExpired = false;
  if (reservation.checkoutSessionId && reservation.checkoutProvider === payments.name) {
    const atProvider = await payments
      .expireCheckoutSession(reservation.checkoutSessionId)
      .catch((error: unknown) => {
        logger.warn({ err: error, reservationId }, "could not expire the checkout session first");
        return "unknown" as const;
      });
    // Without the provider's word the buyer may have paid in time: keep the hold and ask
    // again, until the session could no longer have taken a payment anyway.
    const sessionSurelyOver =
      reservation.holdExpiresAt.getTime() + payments.sessionOutlivesHoldMs < now.getTime();
    if (atProvider === "unknown" && !sessionSurelyOver) return answer("provider-unreachable");
    if (atProvider === "completed") {
      await prisma.reservation.updateMany({
        where: { id: reservationId, status: "PENDING" },
        data: { checkoutCompletedAt: now },
      });
      logger.warn({ reservationId }, "hold lapsed with its checkout paid; waiting for the webhook");
      return answer("paid-at-provider");
    }
    sessionExpired = atProvider === "expired";
  }

  try {
    const expired = await prisma.$transaction((tx) =>
      expireHeldReservation(tx, {
        reservationId,
        scheduleId: reservation.scheduleId,
        eventId,
        now,
      }),
    );
    return answer(expired ? "expired" : "not-due", sessionExpired);
  } catch (error) {
    // The webhook recorded a payment between our read and the update: the database kept it.
    if (isPaidHoldRefusal(error)) return answer("paid", sessionExpired);
    throw error;
  }
}
