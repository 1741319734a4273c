import "server-only";
import { AppError } from "@ticketping/common/errors";
import { paymentReasons, requestOrganizerRefund, syncSeatCache } from "@ticketping/db/lifecycle";
import { env } from "@/env";
import { invalidInput } from "../admin/invalid-input";
import { db } from "../db";
import { logger } from "../logger";
import { getRedis } from "../redis";
import type { RefundOrderInput, RequestedRefund } from "./schemas";

/**
 * The organizer refunds some or all seats of a confirmed order (requestOrganizerRefund: one
 * transaction writes the Refund, the seats' end and refund.requested; the worker refunds at
 * the provider once and mails the buyer). Seats going back on sale are freed in the seat-map
 * cache at once; should that fail, the worker's settling of the order frees them.
 */
export async function refundOrder({
  reservationId,
  input,
  organizerId,
}: {
  reservationId: string;
  input: RefundOrderInput;
  organizerId: string;
}): Promise<RequestedRefund> {
  const result = await db().$transaction((tx) =>
    requestOrganizerRefund(tx, {
      reservationId,
      seatIds: input.seatIds,
      releaseSeats: input.releaseSeats,
      cause: "ORGANIZER",
      reason: input.reason ?? paymentReasons.refundedByOrganizer,
      requestedById: organizerId,
    }),
  );
  switch (result.outcome) {
    case "not-found":
      throw new AppError("NOT_FOUND", `no reservation ${reservationId}`);
    case "not-confirmed":
      throw refundConflict(
        `reservation ${reservationId} is ${result.status}`,
        "ORDER_NOT_CONFIRMED",
        {
          userMessage: "Only a confirmed order can be refunded.",
          status: result.status,
        },
      );
    case "unknown-seats":
      throw invalidInput("seatIds", "Some seats are not part of this order.");
    case "already-refunded":
      throw refundConflict("seats refunded already", "SEATS_ALREADY_REFUNDED", {
        userMessage: "These seats were refunded already.",
        seatIds: result.seatIds,
      });
    case "no-payment":
      throw refundConflict(`no refundable payment of ${reservationId}`, "NO_PAYMENT", {
        userMessage: "This order has no payment left to refund from.",
      });
    case "requested":
      break;
  }

  if (result.freedSeatIds.length > 0) {
    await syncSeatCache(
      { redis: getRedis(), keyPrefix: env.SEAT_KEY_PREFIX },
      {
        reservationId,
        scheduleId: result.scheduleId,
        status: "REFUNDED",
        seatIds: result.freedSeatIds,
      },
    ).catch((error: unknown) => {
      logger.warn({ err: error, reservationId }, "could not free refunded seats in the cache");
    });
  }
  return {
    id: result.refundId,
    reservationId,
    status: result.refundStatus,
    amountMinor: result.amountMinor,
    currency: result.currency,
    seatIds: result.seatIds,
    releaseSeats: input.releaseSeats,
    reservationStatus: result.reservationStatus === "REFUNDED" ? "REFUNDED" : "CONFIRMED",
  };
}

function refundConflict(
  message: string,
  reason: string,
  { userMessage, ...details }: { userMessage: string } & Record<string, unknown>,
): AppError {
  return new AppError("CONFLICT", message, { userMessage, details: { reason, ...details } });
}
