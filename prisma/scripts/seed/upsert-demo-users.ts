import bcrypt from "bcryptjs";
import type { PrismaClient } from "../../src/generated/client";
import { demoAccounts } from "../../src/demo/accounts";

// Cost 12 is what the web app's sign-up uses; hashing is the slow part of seeding, so
// each distinct password is hashed once and the hash shared.
const BCRYPT_COST = 12;

/**
 * Creates or updates the demo accounts, keeping their ids (and so any session or
 * reservation that refers to them) across re-seeds. Returns email -> user id.
 */
export async function upsertDemoUsers(prisma: PrismaClient): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const password of new Set(demoAccounts.map((account) => account.password))) {
    hashes.set(password, await bcrypt.hash(password, BCRYPT_COST));
  }
  const ids = new Map<string, string>();
  for (const account of demoAccounts) {
    const fields = {
      name: account.name,
      role: account.role,
      passwordHash: hashes.get(account.password) ?? null,
      // Demo buyers go straight to a sale: nobody reads the demo's verification mail.
      emailVerifiedAt: new Date(),
    };
    const user = await prisma.user.upsert({
      where: { email: account.email },
      create: { email: account.email, ...fields },
      update: fields,
      select: { id: true },
    });
    ids.set(account.email, user.id);
  }
  return ids;
}
