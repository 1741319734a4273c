import type { TransactionClient } from "../../src/index";
import { demoCurrency, demoSeatsPerReservation } from "../../src/demo/catalog";
import type { CreatedSchedule } from "./create-demo-performance";

/**
 * Sells every seat of a schedule the way production would leave it: CONFIRMED
 * reservations of up to four seats, each with a completed (simulated) payment. The
 * database's triggers mark the seats SOLD.
 */
export async function sellOutSchedule(
  tx: TransactionClient,
  { schedule, buyerIds, now }: { schedule: CreatedSchedule; buyerIds: string[]; now: Date },
): Promise<void> {
  for (
    let start = 0, n = 0;
    start < schedule.seats.length;
    start += demoSeatsPerReservation, n += 1
  ) {
    const seats = schedule.seats.slice(start, start + demoSeatsPerReservation);
    const amountMinor = seats.reduce((sum, seat) => sum + seat.priceMinor, 0);
    const buyerId = buyerIds[n % buyerIds.length];
    if (!buyerId) throw new Error("Selling out needs at least one buyer");
    const sessionId = `seed_cs_${schedule.id}_${n}`;
    await tx.reservation.create({
      data: {
        userId: buyerId,
        scheduleId: schedule.id,
        status: "CONFIRMED",
        amountMinor,
        currency: demoCurrency,
        holdExpiresAt: now,
        confirmedAt: now,
        checkoutProvider: "SIMULATED",
        checkoutSessionId: sessionId,
        seats: { create: seats.map((seat) => ({ seatId: seat.id, priceMinor: seat.priceMinor })) },
        payments: {
          create: {
            provider: "SIMULATED",
            providerSessionId: sessionId,
            providerPaymentId: `seed_pi_${schedule.id}_${n}`,
            amountMinor,
            currency: demoCurrency,
            status: "COMPLETED",
          },
        },
      },
    });
  }
}
