import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMAIL_VERIFICATION_TTL_HOURS } from "@ticketping/common/accounts";
import { createLogger } from "@ticketping/common/logger";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { startRowPruner } from "../src/pruning/prune-spent-rows";

const logger = createLogger({ name: "row-pruner-test", level: "silent" });
const hours = (count: number) => count * 3_600_000;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ label: "row_pruner" });
});
afterAll(async () => {
  await database.drop();
});

describe("the row pruner", () => {
  it("deletes email verifications once their link has expired, used, superseded or never clicked, and keeps live ones", async () => {
    const { prisma } = database;
    const email = `prune-${randomUUID()}@test.invalid`;
    const user = await prisma.user.create({ data: { email, name: "Pruned" } });
    const now = Date.now();
    /** A row as web writes it: created at `createdAgo`, its link living the TTL from then. */
    const verification = (
      label: string,
      createdAgo: number,
      { usedAgo, supersededAgo }: { usedAgo?: number; supersededAgo?: number } = {},
    ) => ({
      label,
      data: {
        userId: user.id,
        email,
        createdAt: new Date(now - createdAgo),
        expiresAt: new Date(
          supersededAgo === undefined
            ? now - createdAgo + hours(EMAIL_VERIFICATION_TTL_HOURS)
            : now - supersededAgo,
        ),
        usedAt: usedAgo === undefined ? null : new Date(now - usedAgo),
      },
    });
    const rows = [
      // Gone: their signed links have expired too, so the token alone answers EXPIRED.
      verification("lapsed unused", hours(EMAIL_VERIFICATION_TTL_HOURS + 2)),
      verification("lapsed used", hours(EMAIL_VERIFICATION_TTL_HOURS + 2), { usedAgo: hours(30) }),
      verification("lapsed superseded", hours(EMAIL_VERIFICATION_TTL_HOURS + 2), {
        supersededAgo: hours(20),
      }),
      // Kept: their links are still within their lifetime, and the row gives their answer
      // (USED, or EXPIRED for a superseded one) instead of "no such verification".
      verification("live", hours(1)),
      verification("used today", hours(3), { usedAgo: hours(2) }),
      verification("superseded today", hours(3), { supersededAgo: hours(1) }),
      verification("just past its expiry", hours(EMAIL_VERIFICATION_TTL_HOURS) + 60_000),
    ];
    const ids = new Map<string, string>();
    for (const row of rows) {
      ids.set((await prisma.emailVerification.create({ data: row.data })).id, row.label);
    }
    const pruner = startRowPruner({ prisma, logger, intervalMs: hours(1) });
    try {
      // The first pass runs at start-up; this one waits for it or runs anew.
      await pruner.prune();
      const left = await prisma.emailVerification.findMany({ where: { userId: user.id } });
      expect(left.map((row) => ids.get(row.id)).sort()).toEqual([
        "just past its expiry",
        "live",
        "superseded today",
        "used today",
      ]);
      expect((await pruner.prune()).verifications).toBe(0);
    } finally {
      await pruner.stop();
    }
  });
});
