/** `npm run db:seed`: demo accounts and catalog; safe to run again (see seedDemoData). */
import { createPrismaClient } from "../src/client";
import { demoAccounts } from "../src/demo/accounts";
import { demoCatalogCounts } from "../src/demo/catalog";
import { getDbEnv } from "../src/env";
import { seedDemoData } from "./seed/seed-demo-data";

const started = performance.now();
const prisma = createPrismaClient({
  databaseUrl: getDbEnv().DATABASE_URL,
  applicationName: "ticketping-seed",
});
try {
  await seedDemoData({ prisma });
  const counts = demoCatalogCounts();
  console.log(
    `Seeded ${demoAccounts.length} demo accounts, ${counts.performances} performances, ` +
      `${counts.seats} seats (${counts.soldSeats} sold) in ${Math.round(performance.now() - started)} ms.`,
  );
} catch (error) {
  console.error("Seeding failed:", error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
