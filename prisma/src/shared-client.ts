import { createPrismaClient } from "./client";
import { getDbEnv } from "./env";
import type { PrismaClient } from "./generated/client";

// Kept on globalThis so that Next.js dev hot reloads, which re-evaluate modules, reuse
// one pool instead of leaking a new one per edit.
const holder = globalThis as typeof globalThis & { __ticketpingPrisma?: PrismaClient };

/** The process-wide client, created on first use from DATABASE_URL. */
export function getPrisma(): PrismaClient {
  if (!holder.__ticketpingPrisma) {
    const env = getDbEnv();
    holder.__ticketpingPrisma = createPrismaClient({
      databaseUrl: env.DATABASE_URL,
      maxConnections: env.DATABASE_POOL_MAX,
    });
  }
  return holder.__ticketpingPrisma;
}

/**
 * Closes the shared client's pool, for graceful shutdown. Safe to call when it was never
 * created, and twice; a later getPrisma() opens a fresh pool.
 */
export async function disconnectPrisma(): Promise<void> {
  const client = holder.__ticketpingPrisma;
  if (!client) return;
  holder.__ticketpingPrisma = undefined;
  await client.$disconnect();
}
