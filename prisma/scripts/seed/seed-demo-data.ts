import type { PrismaClient } from "../../src/generated/client";
import { demoBuyers } from "../../src/demo/accounts";
import { demoHalls, demoPerformances, type DemoHall } from "../../src/demo/catalog";
import type { TransactionClient } from "../../src/index";
import { createDemoPerformance } from "./create-demo-performance";
import { removeDemoCatalog } from "./remove-demo-catalog";
import { sellOutSchedule } from "./sell-out-schedule";
import { upsertDemoUsers } from "./upsert-demo-users";

/** Halls have no natural key; the demo ones are found by name and updated in place. */
async function upsertHall(tx: TransactionClient, hall: DemoHall): Promise<string> {
  const data = {
    name: hall.name,
    address: hall.address,
    rows: hall.rows,
    columns: hall.columns,
    aisleAfterRows: [...(hall.aisleAfterRows ?? [])],
    aisleAfterColumns: [...(hall.aisleAfterColumns ?? [])],
    sections: (hall.sections ?? []).map((section) => ({ ...section })),
  };
  const existing = await tx.hall.findFirst({ where: { name: hall.name }, select: { id: true } });
  if (existing) {
    await tx.hall.update({ where: { id: existing.id }, data });
    return existing.id;
  }
  return (await tx.hall.create({ data, select: { id: true } })).id;
}

/**
 * Idempotent: demo accounts are upserted (ids kept), demo performances are deleted and
 * recreated in one transaction, so a re-seed leaves the same data and readers never
 * see half a catalog. Rows that are not demo data are left alone.
 */
export async function seedDemoData({
  prisma,
  now = new Date(),
}: {
  prisma: PrismaClient;
  now?: Date;
}): Promise<void> {
  const userIds = await upsertDemoUsers(prisma);
  const buyerIds = demoBuyers.flatMap((buyer) => userIds.get(buyer.email) ?? []);

  await prisma.$transaction(
    async (tx) => {
      await removeDemoCatalog(
        tx,
        demoPerformances.map((performance) => performance.slug),
      );
      const hallIds = new Map<string, string>();
      for (const [key, hall] of Object.entries(demoHalls)) {
        hallIds.set(key, await upsertHall(tx, hall));
      }
      for (const performance of demoPerformances) {
        const hallId = hallIds.get(performance.hall);
        if (!hallId) throw new Error(`Unknown demo hall ${performance.hall}`);
        const schedules = await createDemoPerformance(tx, {
          performance,
          hallId,
          hall: demoHalls[performance.hall],
          now,
        });
        if (performance.soldOut) {
          for (const schedule of schedules) {
            await sellOutSchedule(tx, { schedule, buyerIds, now });
          }
        }
      }
    },
    // Thousands of seat rows: more than the default five seconds on a slow machine.
    { timeout: 120_000, maxWait: 30_000 },
  );
}
