import type { PrismaClient, SeatGrade } from "./generated/client";

/**
 * The price list of a seeded test show, for the web tests and the load test: VIP
 * (180.00) for the front row, S (70.00) for every other row.
 */
export async function createTestGrades(
  prisma: PrismaClient,
  performanceId: string,
): Promise<{ vip: SeatGrade; standard: SeatGrade }> {
  const vip = await prisma.seatGrade.create({
    data: {
      performanceId,
      name: "VIP",
      priceMinor: 18_000,
      currency: "EUR",
      colour: "#B8860B",
      sortOrder: 0,
    },
  });
  const standard = await prisma.seatGrade.create({
    data: {
      performanceId,
      name: "S",
      priceMinor: 7_000,
      currency: "EUR",
      colour: "#2E86C1",
      sortOrder: 1,
    },
  });
  return { vip, standard };
}
