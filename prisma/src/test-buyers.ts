import { randomUUID } from "node:crypto";
import type { PrismaClient } from "./generated/client";

/**
 * Buyers without a password (tests sign them in by minting a session), in creation order;
 * their addresses verified, as a buyer joining a line has.
 */
export function createTestBuyers(
  prisma: PrismaClient,
  count: number,
): Promise<{ id: string; email: string }[]> {
  return prisma.user.createManyAndReturn({
    data: Array.from({ length: count }, (_, index) => ({
      email: `buyer-${index}-${randomUUID()}@test.invalid`,
      name: `Buyer ${index}`,
      emailVerifiedAt: new Date(),
    })),
    select: { id: true, email: true },
  });
}
