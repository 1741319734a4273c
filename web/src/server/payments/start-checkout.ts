import "server-only";
import { AppError } from "@ticketping/common/errors";
import { env } from "@/env";
import { db } from "../db";
import { logger } from "../logger";
import type { StartedCheckout } from "./checkout-view";
import { getPaymentProvider } from "./payment-provider";
import {
  ownReservationNotFound,
  type OwnReservationRequest,
} from "../reservations/own-reservation";

/** Too close to the end of the hold to send the buyer off to pay. */
const MIN_TIME_TO_PAY_MS = 10_000;

/**
 * Opens (or reopens) the payment page for the buyer's PENDING hold. Holding seats is what
 * entitles a buyer to pay: no working token is needed, so a buyer whose waiting-room slot
 * ended while they held seats can still pay until the hold lapses. One checkout session
 * per reservation and attempt: the first request creates it (with an idempotency key, so
 * even two at once get one session from Stripe) and records it on the reservation, so the
 * webhook and the worker can find it; later requests get the same session back. A
 * declined payment retires its session (the webhook clears it), so the next request opens
 * a new one for the next attempt.
 */
export async function startCheckout({
  userId,
  email,
  reservationId,
  now = new Date(),
}: OwnReservationRequest & { email: string | null }): Promise<StartedCheckout> {
  const reservation = await db().reservation.findFirst({
    where: { id: reservationId, userId },
    select: {
      id: true,
      status: true,
      currency: true,
      holdExpiresAt: true,
      checkoutProvider: true,
      checkoutSessionId: true,
      checkoutAttempt: true,
      schedule: { select: { cancelledAt: true, performance: { select: { name: true } } } },
      seats: {
        orderBy: { seatId: "asc" },
        select: {
          priceMinor: true,
          seat: { select: { row: true, column: true, grade: { select: { name: true } } } },
        },
      },
    },
  });
  if (!reservation) throw ownReservationNotFound(reservationId);
  const { performance } = reservation.schedule;

  // Before the status: cancelling the show ended the hold, and this is the reason.
  if (reservation.schedule.cancelledAt) {
    throw new AppError("SALE_CLOSED", `schedule of ${reservationId} is cancelled`, {
      userMessage: "This show was cancelled.",
      details: { reason: "SHOW_CANCELLED" },
    });
  }

  if (reservation.status !== "PENDING") {
    throw new AppError("CONFLICT", `reservation ${reservationId} is ${reservation.status}`, {
      userMessage: "This reservation is not waiting for payment.",
      details: { status: reservation.status },
    });
  }
  if (reservation.holdExpiresAt.getTime() - now.getTime() < MIN_TIME_TO_PAY_MS) {
    throw new AppError("HOLD_EXPIRED", `hold of ${reservationId} has (nearly) lapsed`);
  }

  const payments = getPaymentProvider();
  const result = (sessionId: string, url: string): StartedCheckout => ({
    reservationId,
    provider: payments.name,
    sessionId,
    url,
    holdExpiresAt: reservation.holdExpiresAt.toISOString(),
  });

  if (reservation.checkoutSessionId && reservation.checkoutProvider === payments.name) {
    return result(
      reservation.checkoutSessionId,
      await openUrl(reservation.checkoutSessionId, reservationId),
    );
  }

  const session = await providerCall(() =>
    payments.createCheckoutSession({
      reservationId,
      attempt: reservation.checkoutAttempt,
      userId,
      customerEmail: email ?? undefined,
      currency: reservation.currency,
      lineItems: reservation.seats.map((entry) => ({
        name: `${performance.name} · ${entry.seat.grade.name} · row ${entry.seat.row}, seat ${entry.seat.column}`,
        amountMinor: entry.priceMinor,
        quantity: 1,
      })),
      holdExpiresAt: reservation.holdExpiresAt,
      successUrl: new URL(`/checkout/${reservationId}?paid=1`, env.NEXTAUTH_URL).toString(),
      cancelUrl: new URL(`/checkout/${reservationId}`, env.NEXTAUTH_URL).toString(),
    }),
  );
  // Recorded only on a hold that is still open and has no session yet: a concurrent
  // request may have recorded its own first, and then that one is the buyer's.
  const { count } = await db().reservation.updateMany({
    where: {
      id: reservationId,
      status: "PENDING",
      // A session of an attempt that was declined meanwhile must not become current.
      checkoutAttempt: reservation.checkoutAttempt,
      OR: [{ checkoutSessionId: null }, { checkoutProvider: { not: payments.name } }],
    },
    data: { checkoutProvider: payments.name, checkoutSessionId: session.sessionId },
  });
  if (count === 1) return result(session.sessionId, session.url);

  const current = await db().reservation.findUniqueOrThrow({
    where: { id: reservationId },
    select: { status: true, checkoutProvider: true, checkoutSessionId: true },
  });
  if (current.status !== "PENDING") {
    throw new AppError("CONFLICT", `reservation ${reservationId} left PENDING during checkout`, {
      userMessage: "This reservation is not waiting for payment.",
      details: { status: current.status },
    });
  }
  if (!current.checkoutSessionId || current.checkoutProvider !== payments.name) {
    throw new AppError("CONFLICT", `checkout session of ${reservationId} changed concurrently`);
  }
  if (current.checkoutSessionId !== session.sessionId) {
    logger.info(
      { reservationId, unused: session.sessionId },
      "concurrent checkout; first session kept",
    );
    await payments.expireCheckoutSession(session.sessionId).catch(() => undefined);
  }
  return result(current.checkoutSessionId, await openUrl(current.checkoutSessionId, reservationId));
}

async function openUrl(sessionId: string, reservationId: string): Promise<string> {
  const url = await providerCall(() => getPaymentProvider().getOpenCheckoutUrl(sessionId));
  if (!url) {
    // Completed: the payment is on its way to us (webhook, then the worker).
    throw new AppError("CONFLICT", `checkout session of ${reservationId} is no longer open`, {
      userMessage: "Your payment is being processed. Check My tickets in a moment.",
      details: { reason: "PAYMENT_IN_PROGRESS" },
    });
  }
  return url;
}

async function providerCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new AppError("SERVICE_UNAVAILABLE", "payment provider call failed", {
      userMessage: "Payments are temporarily unavailable. Your seats stay held; please try again.",
      cause: error,
    });
  }
}
