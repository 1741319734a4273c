import { envFields, loadEnvOrExit } from "@ticketping/common/env";
import { z } from "zod";

const dbEnvShape = {
  NODE_ENV: envFields.nodeEnv,
  DATABASE_URL: envFields.databaseUrl,
  /** Only the migration tool uses it: a disposable database that diffs replay into. */
  SHADOW_DATABASE_URL: envFields.shadowDatabaseUrl,
  /** Connections of getPrisma()'s pool (web's); queue-service and worker size their own. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
};

export type DbEnv = z.infer<z.ZodObject<typeof dbEnvShape>>;

let cached: DbEnv | undefined;

/**
 * Parsed on first use rather than at import, so importing the package (for types, or
 * during a Next.js build) never depends on the environment.
 */
export function getDbEnv(): DbEnv {
  cached ??= loadEnvOrExit(dbEnvShape);
  return cached;
}
