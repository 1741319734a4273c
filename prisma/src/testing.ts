import { randomBytes } from "node:crypto";
import {
  deployMigrations,
  defaultPaths,
  dropDatabase,
  withDatabaseName,
} from "../scripts/migrate/index";
import { createPrismaClient } from "./client";
import { getDbEnv } from "./env";
import type { PrismaClient } from "./generated/client";

export { seedReservation } from "./seed-reservation";
export { createTestBuyers } from "./test-buyers";
export { createTestShow, type TestSeat, type TestShow, type TestShowOptions } from "./test-show";

export interface TestDatabase {
  /** A fresh database with every migration applied. */
  url: string;
  /** A client for it with its own pool; closed by drop(). */
  prisma: PrismaClient;
  /** Disconnects and drops the database. Call it in afterAll. */
  drop(): Promise<void>;
}

/**
 * A throwaway database on DATABASE_URL's server (the role needs CREATEDB), named
 * ticketping_test_<label>_<random> so parallel runs and other developers never meet.
 */
export async function createTestDatabase({
  label,
  maxConnections = 10,
}: {
  label: string;
  maxConnections?: number;
}): Promise<TestDatabase> {
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, 30);
  const name = `ticketping_test_${safeLabel}_${randomBytes(4).toString("hex")}`;
  const url = withDatabaseName(getDbEnv().DATABASE_URL, name);
  await deployMigrations({ databaseUrl: url, ...defaultPaths });
  const prisma = createPrismaClient({ databaseUrl: url, maxConnections, applicationName: name });
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await dropDatabase(url);
    },
  };
}
