import type { PrismaClient, ReservationStatus } from "./generated/client";

/**
 * A reservation of the given seats, written straight to the database (the booking flow
 * has its own tests). Created PENDING, then moved to `status`, as the application would.
 */
export async function seedReservation(
  prisma: PrismaClient,
  options: {
    userId: string;
    scheduleId: string;
    seatIds: string[];
    status: ReservationStatus;
    statusReason?: string;
    createdAt?: Date;
  },
): Promise<string> {
  const reservation = await prisma.reservation.create({
    data: {
      userId: options.userId,
      scheduleId: options.scheduleId,
      status: "PENDING",
      amountMinor: 5_000 * options.seatIds.length,
      currency: "EUR",
      holdExpiresAt: new Date(Date.now() + 5 * 60_000),
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
      seats: { create: options.seatIds.map((seatId) => ({ seatId, priceMinor: 5_000 })) },
    },
  });
  if (options.status !== "PENDING") {
    await prisma.reservation.update({
      where: { id: reservation.id },
      data: { status: options.status, statusReason: options.statusReason ?? null },
    });
  }
  return reservation.id;
}
