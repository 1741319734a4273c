import { ensureDatabase } from "./ensure-database";
import { readMigrationsDirectory } from "./migrations-directory";
import { manageEverything, type MigrateOptions } from "./options";
import { readSchemaFile } from "./schema-file";
import { withSchemaEngine } from "./schema-engine-session";

export interface DeployResult {
  createdDatabase: boolean;
  appliedMigrationNames: string[];
}

/**
 * `prisma migrate deploy`: applies the migrations not yet recorded in
 * _prisma_migrations, each in its own transaction. Running it again applies nothing.
 */
export async function deployMigrations(options: MigrateOptions): Promise<DeployResult> {
  const { created } = await ensureDatabase(options.databaseUrl);
  const schema = await readSchemaFile(options.schemaPath);
  const migrations = await readMigrationsDirectory(options.migrationsDir);
  // Deploy never needs the shadow database; leaving it out means it is never touched.
  const { appliedMigrationNames } = await withSchemaEngine(
    { databaseUrl: options.databaseUrl, schema, onLog: options.onLog },
    (engine) => engine.applyMigrations({ migrationsList: migrations, filters: manageEverything }),
  );
  return { createdDatabase: created, appliedMigrationNames };
}
