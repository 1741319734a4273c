import type { Logger } from "@ticketping/common/logger";
import type { PrismaClient } from "@ticketping/db";
import { CONFIRMED_OUTCOMES, workerMetrics } from "./metrics";

/**
 * Starts the sales series at 0 for every currency any grade is priced in (a draft published
 * later included), before the first payment. A
 * series that first appears already at a payment's amount loses that amount in
 * Prometheus's increase() (it has no earlier sample to count from): after each restart
 * the first sale of each currency went missing from the revenue panel.
 */
export async function primeSalesSeries({
  prisma,
  logger,
}: {
  prisma: PrismaClient;
  logger: Logger;
}): Promise<void> {
  workerMetrics.reservationsConfirmed.inc(0);
  for (const outcome of CONFIRMED_OUTCOMES) workerMetrics.payments.inc({ outcome }, 0);
  try {
    const grades = await prisma.seatGrade.findMany({
      distinct: ["currency"],
      select: { currency: true },
    });
    for (const { currency } of grades) workerMetrics.revenue.inc({ currency }, 0);
  } catch (error) {
    // Only the first sale's amount of a currency is at stake: never a reason not to start.
    logger.warn({ err: error }, "could not start the revenue series at 0");
  }
}
