import { encode } from "next-auth/jwt";
import type { PrismaClient } from "@ticketping/db";
import type { BuyerIdentity } from "../buyer/context";

const BATCH = 2_000;

/**
 * `count` buyer accounts, each with a next-auth session cookie minted with the web app's
 * secret: exactly the JWT its credentials sign-in sets. Signing 5,000 buyers in through
 * the real flow would run 5,000 bcrypt checks (cost 12, ~0.25 s of CPU each) and measure
 * bcrypt on two cores rather than the flash sale; sign-in has its own tests.
 */
export async function seedBuyers(
  prisma: PrismaClient,
  { count, runId, nextAuthSecret }: { count: number; runId: string; nextAuthSecret: string },
): Promise<BuyerIdentity[]> {
  const users: { id: string; email: string; name: string }[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - start) }, (_, offset) => ({
      email: `buyer-${start + offset}-${runId}@loadtest.invalid`,
      name: `Buyer ${start + offset}`,
      // Verified, as every buyer who may join a line is.
      emailVerifiedAt: new Date(),
    }));
    users.push(
      ...(await prisma.user.createManyAndReturn({
        data: batch,
        select: { id: true, email: true, name: true },
      })),
    );
  }
  return Promise.all(
    users.map(async (user) => {
      const token = await encode({
        secret: nextAuthSecret,
        token: { sub: user.id, email: user.email, name: user.name, role: "USER" },
      });
      return { userId: user.id, cookie: `next-auth.session-token=${token}` };
    }),
  );
}
