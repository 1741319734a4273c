import { diffMigrationsToSchema } from "./diff-migrations-to-schema";
import type { MigrateOptions } from "./options";

export type CheckResult = { inSync: true } | { inSync: false; missingSql: string };

/** CI's drift check: does replaying the migrations give exactly the schema? */
export async function checkMigrations(options: MigrateOptions): Promise<CheckResult> {
  const missingSql = await diffMigrationsToSchema(options);
  return missingSql === null ? { inSync: true } : { inSync: false, missingSql };
}
