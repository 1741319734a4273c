import type { PrismaClient } from "@ticketping/db";
import type { LoadEntryRules } from "./entry-rules";

/** A draft has no line yet, as at the web app's ticket route. */
export function loadEntryRulesFromDatabase(prisma: PrismaClient): LoadEntryRules {
  return async (performanceId) => {
    const performance = await prisma.performance.findFirst({
      where: { id: performanceId, saleStatus: { not: "DRAFT" } },
      select: { queuePowComplexity: true, queueRequireVerifiedEmail: true },
    });
    return performance
      ? {
          powComplexity: performance.queuePowComplexity,
          requireVerifiedEmail: performance.queueRequireVerifiedEmail,
        }
      : null;
  };
}
