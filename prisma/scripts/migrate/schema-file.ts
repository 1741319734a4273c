import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SchemaContainer } from "@prisma/schema-engine-wasm/schema_engine_bg";

export async function readSchemaFile(schemaPath: string): Promise<SchemaContainer> {
  const absolute = path.resolve(schemaPath);
  return { path: absolute, content: await readFile(absolute, "utf8") };
}
