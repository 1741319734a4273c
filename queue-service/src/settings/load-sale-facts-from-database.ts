import type { PrismaClient } from "@ticketping/db";
import type { LoadSaleFacts } from "./sale-facts";

/** Two indexed reads per call; the settings loader calls it once per queue every few seconds. */
export function loadSaleFactsFromDatabase(prisma: PrismaClient): LoadSaleFacts {
  return async (performanceId) => {
    const performance = await prisma.performance.findUnique({
      where: { id: performanceId },
      select: {
        saleStatus: true,
        bookingOpensAt: true,
        bookingClosesAt: true,
        queueMaxActive: true,
        queueAdmitRatePerSec: true,
        queueTokenTtlSeconds: true,
        queueRefuseRatio: true,
      },
    });
    if (!performance) return null;
    const unsoldSeats = await prisma.seat.count({
      where: { schedule: { performanceId }, status: { not: "SOLD" } },
    });
    return { ...performance, unsoldSeats };
  };
}
