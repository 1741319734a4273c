import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

export type SchemaEngine = bindings.SchemaEngine;
export type SchemaEngineClass = typeof bindings.SchemaEngine;

// Node has WebAssembly, but this repo's TypeScript libs (ES2023, no DOM) do not declare
// it; describe the two calls we make instead of pulling in a DOM lib.
interface WasmRuntime {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(
    module: object,
    imports: Record<string, object>,
  ): Promise<{ exports: Record<string, unknown> }>;
}
const wasmRuntime = (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly;

let loaded: Promise<SchemaEngineClass> | undefined;

/**
 * The glue reports a Rust panic by calling this global before the wasm traps; without
 * it the trap hides the panic message behind a TypeError. Prisma's CLI installs the
 * same object.
 */
class PanicRegistry {
  message = "";
  get(): string {
    return this.message;
  }
  set_message(message: string): void {
    this.message = `RuntimeError: ${message}`;
  }
}

const panicHolder = globalThis as typeof globalThis & {
  PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry;
};

/** The last panic message of the engine, if it panicked. */
export function lastSchemaEnginePanic(): string | undefined {
  return panicHolder.PRISMA_WASM_PANIC_REGISTRY?.get() || undefined;
}

/**
 * The package's own entry imports the .wasm file as an ES module, which Node cannot
 * load. So: compile the binary ourselves, hand it the generated JS glue as its imports,
 * and give the glue the instance, which is all that entry does. Once per process: the
 * glue keeps the instance in module state.
 */
export function loadSchemaEngine(): Promise<SchemaEngineClass> {
  loaded ??= (async () => {
    panicHolder.PRISMA_WASM_PANIC_REGISTRY ??= new PanicRegistry();
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(gluePath), "schema_engine_bg.wasm");
    const module = await wasmRuntime.compile(await readFile(wasmPath));
    const instance = await wasmRuntime.instantiate(module, { "./schema_engine_bg.js": bindings });
    bindings.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start as (() => void) | undefined;
    start?.();
    return bindings.SchemaEngine;
  })();
  return loaded;
}
