import { isSameDatabase, redactUrl } from "./database-url";
import { ensureDatabase } from "./ensure-database";
import { readMigrationsDirectory } from "./migrations-directory";
import { manageEverything, type MigrateOptions } from "./options";
import { readSchemaFile } from "./schema-file";
import { withSchemaEngine } from "./schema-engine-session";

/**
 * The SQL that would take a database built from the migrations directory to the
 * schema, or null when they already agree. Needs only the shadow database: the
 * migrations are replayed there, and DATABASE_URL is never connected to (so CI can run
 * it before the application database exists).
 */
export async function diffMigrationsToSchema(options: MigrateOptions): Promise<string | null> {
  const { databaseUrl, shadowDatabaseUrl, onLog } = options;
  if (!shadowDatabaseUrl) {
    throw new Error("Diffing migrations needs a shadow database: set SHADOW_DATABASE_URL.");
  }
  // The shadow database is emptied before every replay: pointing it at real data loses it.
  if (isSameDatabase(databaseUrl, shadowDatabaseUrl)) {
    throw new Error(
      `SHADOW_DATABASE_URL must name a database other than DATABASE_URL (${redactUrl(databaseUrl)}): ` +
        "the shadow database is emptied on every use.",
    );
  }
  const schema = await readSchemaFile(options.schemaPath);
  const migrations = await readMigrationsDirectory(options.migrationsDir);
  await ensureDatabase(shadowDatabaseUrl);
  // The engine insists on a main connection, which it only asks for the server version
  // here; giving it the shadow database keeps the real one out of the picture.
  const session = { databaseUrl: shadowDatabaseUrl, shadowDatabaseUrl, schema, onLog };
  return withSchemaEngine(session, async (engine) => {
    const result = await engine.diff({
      // No history yet (the very first migration): diff from nothing.
      from:
        migrations.migrationDirectories.length === 0
          ? { tag: "empty" }
          : { tag: "migrations", ...migrations },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      // Asks the engine to report "non-empty" as exit code 2, rather than us parsing SQL.
      exitCode: true,
      filters: manageEverything,
    });
    return result.exitCode === 2 ? (result.stdout ?? "") : null;
  });
}
