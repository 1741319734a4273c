import type { PrismaClient } from "@ticketping/db";
import type { BuyerState, LoadBuyerStates } from "./buyer-states";

/** One indexed read for a whole batch of users. */
export function loadBuyerStatesFromDatabase(prisma: PrismaClient): LoadBuyerStates {
  return async (userIds) => {
    const rows = await prisma.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, sessionVersion: true, emailVerifiedAt: true },
    });
    return new Map<string, BuyerState>(
      rows.map((row) => [
        row.id,
        { sessionVersion: row.sessionVersion, emailVerified: row.emailVerifiedAt !== null },
      ]),
    );
  };
}
