import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export interface CreatePrismaClientOptions {
  databaseUrl: string;
  /** Size of this client's connection pool. */
  maxConnections?: number;
  /** Shows up in pg_stat_activity, which makes "who holds the locks" answerable. */
  applicationName?: string;
  /** Called for errors of idle pooled connections (e.g. the server restarted). */
  onPoolError?: (error: Error) => void;
}

/**
 * A client with its own pool. Needs no engine binary: queries are compiled in-process
 * and run through node-postgres. Call `$disconnect()` when done to close the pool.
 */
export function createPrismaClient({
  databaseUrl,
  maxConnections = 10,
  applicationName = "ticketping",
  onPoolError,
}: CreatePrismaClientOptions): PrismaClient {
  const adapter = new PrismaPg(
    {
      connectionString: databaseUrl,
      max: maxConnections,
      application_name: applicationName,
    },
    onPoolError ? { onPoolError } : undefined,
  );
  return new PrismaClient({ adapter });
}
