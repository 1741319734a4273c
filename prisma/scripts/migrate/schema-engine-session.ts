import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaContainer } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { createMigrationAdapterFactory } from "./adapter-factory";
import { loadSchemaEngine, type SchemaEngine } from "./load-schema-engine";

export interface SchemaEngineSessionOptions {
  /** The database the engine inspects and migrates. */
  databaseUrl: string;
  /** Where migrations are replayed for diffs; emptied on every use. */
  shadowDatabaseUrl?: string;
  schema: SchemaContainer;
  /** Receives the engine's own log lines (JSON). */
  onLog?: (line: string) => void;
}

/**
 * Runs `work` with a schema engine bound to our adapters, then frees the engine and
 * closes every pool it used, so a command's process can exit.
 */
export async function withSchemaEngine<T>(
  { databaseUrl, shadowDatabaseUrl, schema, onLog }: SchemaEngineSessionOptions,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const SchemaEngineClass = await loadSchemaEngine();
  const factory = createMigrationAdapterFactory({ databaseUrl, shadowDatabaseUrl });
  try {
    const engine = await SchemaEngineClass.new(
      { datamodels: [[schema.path, schema.content]] },
      (line: string) => onLog?.(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } finally {
    await factory.close();
  }
}
