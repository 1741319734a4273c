import type { Prisma } from "@ticketping/db";

/** The hall columns a plan is stored in (see readHallPlan). */
export const hallPlanSelect = {
  aisleAfterRows: true,
  aisleAfterColumns: true,
  sections: true,
} satisfies Prisma.HallSelect;
