export { checkMigrations, type CheckResult } from "./check-migrations";
export { createMigration } from "./create-migration";
export { deployMigrations, type DeployResult } from "./deploy-migrations";
export { dropDatabase, ensureDatabase } from "./ensure-database";
export { withDatabaseName } from "./database-url";
export type { MigrateOptions } from "./options";
export { defaultPaths } from "./paths";
export { lastSchemaEnginePanic } from "./load-schema-engine";
