import pg from "pg";
import { ensureDatabase } from "./ensure-database";
import { quoteIdentifier } from "./database-url";

// Arbitrary but fixed: every migrate process on this server agrees on it.
const SHADOW_LOCK_KEY = 0x74707364; // "tpsd"

/**
 * Exclusive use of the shadow database for as long as the lease is held. Two processes
 * diffing at once (CI jobs, a developer's check next to a test run) would otherwise wipe
 * each other's replay halfway through.
 */
export interface ShadowLease {
  /** Empties the database: every schema the migrations may have created goes. */
  reset(): Promise<void>;
  release(): Promise<void>;
}

export async function leaseShadowDatabase(url: string): Promise<ShadowLease> {
  await ensureDatabase(url);
  const client = new pg.Client({ connectionString: url, application_name: "ticketping-migrate" });
  await client.connect();
  await client.query("SELECT pg_advisory_lock($1)", [SHADOW_LOCK_KEY]);
  let released = false;
  return {
    async reset() {
      const schemas = await client.query<{ name: string }>(
        `SELECT nspname AS name FROM pg_namespace
          WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
      );
      for (const { name } of schemas.rows) {
        await client.query(`DROP SCHEMA ${quoteIdentifier(name)} CASCADE`);
      }
      await client.query("CREATE SCHEMA public");
    },
    async release() {
      if (released) return;
      released = true;
      // Ending the session releases the advisory lock with it.
      await client.end();
    },
  };
}
