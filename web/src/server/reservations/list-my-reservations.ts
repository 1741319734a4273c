import "server-only";
import { db } from "../db";
import { ticketView } from "../tickets/ticket-view";
import type { MyReservation, MyReservations } from "./schemas";
import { statusReasonCodeOf } from "./status-reason-code";

function findReservations(userId: string, limit: number) {
  return db().reservation.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: {
      schedule: {
        select: {
          id: true,
          startsAt: true,
          performance: {
            select: {
              name: true,
              slug: true,
              posterUrl: true,
              hall: { select: { name: true, timeZone: true } },
            },
          },
        },
      },
      payments: {
        where: { OR: [{ refundRequestedAt: { not: null } }, { status: "REFUNDED" }] },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          amountMinor: true,
          currency: true,
          refundRequestedAt: true,
          refundedAt: true,
          updatedAt: true,
        },
      },
      refunds: {
        orderBy: { requestedAt: "asc" },
        select: {
          paymentId: true,
          amountMinor: true,
          currency: true,
          requestedAt: true,
          refundedAt: true,
        },
      },
      tickets: { select: { id: true, seatId: true } },
      seats: {
        select: {
          priceMinor: true,
          seatId: true,
          refundId: true,
          seat: {
            select: { row: true, column: true, grade: { select: { name: true, colour: true } } },
          },
        },
      },
    },
  });
}

type Row = Awaited<ReturnType<typeof findReservations>>[number];

function ticketOf(
  reservation: Row,
  seat: { seatId: string; row: number; column: number; refunded: boolean },
) {
  if (reservation.status !== "CONFIRMED" || seat.refunded) return null;
  const ticket = reservation.tickets.find((candidate) => candidate.seatId === seat.seatId);
  if (!ticket) return null;
  return ticketView({ ticketId: ticket.id, scheduleId: reservation.scheduleId, seat });
}

/**
 * A payment's refund as the buyer sees it: what is left of the payment after the
 * organizer's refunds from it (the buyer's cancellation gives back only the rest, see
 * organizerRefundedMinor), or nothing when they took all of it.
 */
function paymentRefunds(reservation: Row) {
  return reservation.payments.flatMap((payment) => {
    // A payment the organizer's refunds emptied at the provider is not repeated.
    if (payment.refundRequestedAt === null && reservation.refunds.length > 0) return [];
    const byOrganizer = reservation.refunds
      .filter((refund) => refund.paymentId === payment.id)
      .reduce((sum, refund) => sum + refund.amountMinor, 0);
    const amountMinor = payment.amountMinor - byOrganizer;
    if (amountMinor <= 0) return [];
    return [
      {
        amountMinor,
        currency: payment.currency,
        // A refund made at the provider's dashboard was never requested by us.
        requestedAt: payment.refundRequestedAt ?? payment.refundedAt ?? payment.updatedAt,
        refundedAt: payment.refundedAt,
      },
    ];
  });
}

function toMyReservation(reservation: Row): MyReservation {
  const { schedule } = reservation;
  return {
    id: reservation.id,
    status: reservation.status,
    statusReason: reservation.statusReason,
    statusReasonCode: statusReasonCodeOf(reservation.statusReason),
    amountMinor: reservation.amountMinor,
    currency: reservation.currency,
    holdExpiresAt: reservation.holdExpiresAt,
    createdAt: reservation.createdAt,
    confirmedAt: reservation.confirmedAt,
    closedAt: reservation.closedAt,
    performance: {
      name: schedule.performance.name,
      slug: schedule.performance.slug,
      posterUrl: schedule.performance.posterUrl,
      hallName: schedule.performance.hall.name,
      hallTimeZone: schedule.performance.hall.timeZone,
    },
    schedule: { id: schedule.id, startsAt: schedule.startsAt },
    seats: reservation.seats
      .map(({ seat, seatId, priceMinor, refundId }) => ({
        row: seat.row,
        column: seat.column,
        gradeName: seat.grade.name,
        colour: seat.grade.colour,
        priceMinor,
        refunded: refundId !== null,
        ticket: ticketOf(reservation, {
          seatId,
          row: seat.row,
          column: seat.column,
          refunded: refundId !== null,
        }),
      }))
      .sort((a, b) => a.row - b.row || a.column - b.column),
    refunds: [
      // The organizer's refunds, each of some seats, then what the payment gave back beyond them.
      ...reservation.refunds.map(({ amountMinor, currency, requestedAt, refundedAt }) => ({
        amountMinor,
        currency,
        requestedAt,
        refundedAt,
      })),
      ...paymentRefunds(reservation),
    ],
  };
}

/**
 * The signed-in buyer's reservations, newest first. `userId` comes from the session and
 * never from the request, so nobody can list someone else's. `asOf` is the server's
 * clock at reading time, for hold countdowns that do not trust the client's clock.
 */
export async function listMyReservations({
  userId,
  limit = 50,
}: {
  userId: string;
  limit?: number;
}): Promise<MyReservations> {
  const asOf = new Date();
  const reservations = await findReservations(userId, limit);
  return { reservations: reservations.map(toMyReservation), asOf };
}
