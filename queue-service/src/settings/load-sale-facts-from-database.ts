import { ensureSaleFairness, type PrismaClient, type SaleFairnessSecrets } from "@ticketping/db";
import type { LoadSaleFacts } from "./sale-facts";

/**
 * Two indexed reads per call; the settings loader calls it once per queue every few seconds.
 * The shuffle seed is fixed (first writer wins) the first time a published sale's settings
 * are loaded, which is before anyone can join its pre-queue: a join needs the settings.
 * Once read it never changes, so each process reads it once.
 */
export function loadSaleFactsFromDatabase(prisma: PrismaClient): LoadSaleFacts {
  const seeds = new Map<string, Pick<SaleFairnessSecrets, "seed" | "generalSeed">>();
  const shuffleSeedsOf = async (performanceId: string) => {
    let found = seeds.get(performanceId);
    if (found === undefined) {
      const { seed, generalSeed } = await ensureSaleFairness(prisma, performanceId);
      found = { seed, generalSeed };
      seeds.set(performanceId, found);
    }
    return found;
  };
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
        generalSaleOpensAt: true,
      },
    });
    if (!performance) return null;
    const unsoldSeats = await prisma.seat.count({
      // A held-back seat, or one of a cancelled show, is not for sale, so it makes no room
      // in the line either: with every show cancelled, joins are refused SOLD_OUT.
      where: {
        schedule: { performanceId, cancelledAt: null },
        status: { not: "SOLD" },
        heldBackAt: null,
      },
    });
    const { seed, generalSeed } =
      performance.saleStatus === "PUBLISHED"
        ? await shuffleSeedsOf(performanceId)
        : { seed: "", generalSeed: "" };
    return { ...performance, unsoldSeats, shuffleSeed: seed, generalShuffleSeed: generalSeed };
  };
}
