/** What every migrate command needs to know; the CLI fills it from env and defaults. */
export interface MigrateOptions {
  databaseUrl: string;
  shadowDatabaseUrl?: string;
  schemaPath: string;
  migrationsDir: string;
  onLog?: (line: string) => void;
}

/** Entity filters: this project manages every table and enum through the schema. */
export const manageEverything = { externalTables: [], externalEnums: [] };
