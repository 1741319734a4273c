import type { Prisma } from "@ticketping/db";

/** What the seat map and its summary show of a schedule's performance and hall. */
export const performanceHeaderSelect = {
  id: true,
  name: true,
  slug: true,
  saleStatus: true,
  maxSeatsPerReservation: true,
  hall: { select: { name: true, rows: true, columns: true, timeZone: true } },
} satisfies Prisma.PerformanceSelect;
