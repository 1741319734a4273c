import { diffMigrationsToSchema } from "./diff-migrations-to-schema";
import { writeMigration } from "./migrations-directory";
import type { MigrateOptions } from "./options";

/**
 * `prisma migrate dev --create-only`: writes the SQL that brings the migrations up to
 * the schema as a new migration, without applying it. Returns null when nothing changed.
 * Review the file, add any hand-written SQL, then deploy.
 */
export async function createMigration(
  options: MigrateOptions & { name: string; now?: Date },
): Promise<{ directoryName: string; sql: string } | null> {
  const sql = await diffMigrationsToSchema(options);
  if (sql === null) return null;
  const directoryName = await writeMigration(options.migrationsDir, {
    name: options.name,
    sql,
    now: options.now,
  });
  return { directoryName, sql };
}
