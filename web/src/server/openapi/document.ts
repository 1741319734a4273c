import { buildDocument, type OpenApiDocument } from "./build-document";
import { namedSchemas } from "./components";
import { operations } from "./operations";

/** Bumped when the API changes in a way clients must know about. */
const API_VERSION = "1.0.0";

let cached: OpenApiDocument | undefined;

/** web's OpenAPI document, built once per process from the operations' zod schemas. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildDocument({ operations, namedSchemas, version: API_VERSION });
  return cached;
}
