import type { Prisma } from "@ticketping/db";
import { hallPlanSelect } from "../hall-plan/hall-plan-select";

/** What the seat map and its summary show of a schedule's performance and hall. */
export const performanceHeaderSelect = {
  id: true,
  name: true,
  slug: true,
  saleStatus: true,
  maxSeatsPerReservation: true,
  hall: { select: { name: true, rows: true, columns: true, timeZone: true, ...hallPlanSelect } },
} satisfies Prisma.PerformanceSelect;
