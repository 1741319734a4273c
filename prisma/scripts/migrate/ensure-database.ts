import pg from "pg";
import { databaseNameOf, quoteIdentifier, redactUrl, withDatabaseName } from "./database-url";

const DUPLICATE_DATABASE = "42P04";

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

/**
 * Creates the URL's database when it does not exist yet (a fresh machine, a test's
 * throwaway database). Connects to the server's maintenance database to do so.
 */
export async function ensureDatabase(url: string): Promise<{ created: boolean }> {
  const name = databaseNameOf(url);
  const admin = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
  await admin.connect();
  try {
    const existing = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (existing.rowCount) return { created: false };
    try {
      await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      return { created: true };
    } catch (error) {
      // Someone else created it between our check and our CREATE: fine.
      if (errorCode(error) === DUPLICATE_DATABASE) return { created: false };
      throw new Error(`Could not create database ${redactUrl(url)}`, { cause: error });
    }
  } finally {
    await admin.end();
  }
}

/**
 * FORCE may not terminate an autovacuum worker that happens to be busy in the database
 * (it runs as no role, so only pg_signal_backend could): PostgreSQL answers 42501. The
 * worker is done with a throwaway database in moments, so the drop is tried again.
 */
const INSUFFICIENT_PRIVILEGE = "42501";
const DROP_ATTEMPTS = 20;

/** Drops a database, disconnecting its sessions (tests' throwaway databases). */
export async function dropDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(
          `DROP DATABASE IF EXISTS ${quoteIdentifier(databaseNameOf(url))} WITH (FORCE)`,
        );
        return;
      } catch (error) {
        if (errorCode(error) !== INSUFFICIENT_PRIVILEGE || attempt >= DROP_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await admin.end();
  }
}
