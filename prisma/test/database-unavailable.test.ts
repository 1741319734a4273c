import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@ticketping/common/testing";
import {
  createPrismaClient,
  isDatabaseUnavailable,
  isSeatAlreadyHeld,
  type PrismaClient,
} from "../src/index";
import { createTestDatabase, type TestDatabase } from "../src/testing";

/**
 * What PostgreSQL's absence looks like through Prisma and the pg adapter, produced for
 * real: a port nothing listens on, and a session the server terminates (as in a restart).
 * Services answer these 503 instead of 500.
 */
describe("isDatabaseUnavailable", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase({ label: "unavailable" });
    prisma = database.prisma;
  });

  afterAll(async () => {
    await database.drop();
  });

  it("is true when nothing listens at the database's address", async () => {
    const url = new URL(database.url);
    url.port = String(await freePort());
    const nowhere = createPrismaClient({ databaseUrl: url.toString(), applicationName: "nowhere" });
    try {
      const raw = await nowhere.$queryRaw`SELECT 1`.catch((error: unknown) => error);
      const model = await nowhere.user.findFirst().catch((error: unknown) => error);
      expect(isDatabaseUnavailable(raw)).toBe(true);
      expect(isDatabaseUnavailable(model)).toBe(true);
    } finally {
      await nowhere.$disconnect();
    }
  });

  it("is true for a session the server terminates mid-query, and the next query works", async () => {
    const victim = createPrismaClient({ databaseUrl: database.url, applicationName: "victim" });
    try {
      const [{ pid } = { pid: 0 }] = await victim.$queryRaw<{ pid: number }[]>`
        SELECT pg_backend_pid() AS pid`;
      const sleeping = victim.$queryRaw`SELECT pg_sleep(5)`.catch((error: unknown) => error);
      await expect
        .poll(
          async () =>
            (
              await prisma.$queryRaw<{ n: bigint }[]>`
                SELECT count(*) AS n FROM pg_stat_activity
                 WHERE pid = ${pid} AND query LIKE '%pg_sleep%'`
            )[0]?.n,
        )
        .toBe(1n);
      await prisma.$queryRaw`SELECT pg_terminate_backend(${pid})`;
      expect(isDatabaseUnavailable(await sleeping)).toBe(true);
      expect(await victim.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      await victim.$disconnect();
    }
  });

  it("is true for a transaction that waited too long for a connection or outlived its timeout", async () => {
    const single = createPrismaClient({
      databaseUrl: database.url,
      maxConnections: 1,
      applicationName: "single",
    });
    try {
      let releaseFirst = () => {};
      const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
      const first = single.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        await firstHolds;
      });
      const starved = await single
        .$transaction(async (tx) => tx.$queryRaw`SELECT 1`, { maxWait: 100 })
        .catch((error: unknown) => error);
      releaseFirst();
      await first;
      const expired = await single
        .$transaction(
          async (tx) => {
            await new Promise((resolve) => setTimeout(resolve, 300));
            await tx.$queryRaw`SELECT 1`;
          },
          { timeout: 100 },
        )
        .catch((error: unknown) => error);
      expect(isDatabaseUnavailable(starved)).toBe(true);
      expect(isDatabaseUnavailable(expired)).toBe(true);
      expect(await single.$transaction(async (tx) => tx.$queryRaw`SELECT 1 AS one`)).toEqual([
        { one: 1 },
      ]);
    } finally {
      await single.$disconnect();
    }
  });

  it("is false for errors of the query itself", async () => {
    const syntax = await prisma.$queryRawUnsafe("SELEC 1").catch((error: unknown) => error);
    const unique = await prisma.user
      .create({ data: { email: "same@example.com", name: "A" } })
      .then(() => prisma.user.create({ data: { email: "same@example.com", name: "B" } }))
      .catch((error: unknown) => error);
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    expect(isDatabaseUnavailable(unique)).toBe(false);
    expect(isSeatAlreadyHeld(unique)).toBe(false);
    expect(isDatabaseUnavailable(new Error("something else"))).toBe(false);
  });
});
