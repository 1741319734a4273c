import type { LoadQueueEntryRules } from "@ticketping/common/queue";
import type { PrismaClient } from "./generated/client";

/** One indexed read of a performance's line settings; a draft has no line yet. */
export function loadQueueEntryRules(
  prisma: Pick<PrismaClient, "performance">,
): LoadQueueEntryRules {
  return async (performanceId) => {
    const performance = await prisma.performance.findFirst({
      where: { id: performanceId, saleStatus: { not: "DRAFT" } },
      select: {
        queuePowComplexity: true,
        queueRequireVerifiedEmail: true,
        generalSaleOpensAt: true,
      },
    });
    return (
      performance && {
        powComplexity: performance.queuePowComplexity,
        requireVerifiedEmail: performance.queueRequireVerifiedEmail,
        generalSaleOpensAt: performance.generalSaleOpensAt?.getTime() ?? null,
      }
    );
  };
}
