import { z } from "zod";
import {
  errorBodySchema,
  errorMeanings,
  errorsByStatus,
  operationErrors,
  retryAfterHeader,
} from "./errors";
import type { Answer, Operation } from "./operation";
import { securityOf, securitySchemes } from "./security";

export type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: typeof securitySchemes };
}

const COMPONENT_PREFIX = "#/components/schemas/";
/** Ids of the schemas an operation uses directly: inlined there, never components. */
const INLINE_PREFIX = "inline~";

const tagDescriptions: Record<string, string> = {
  Catalog: "Performances on sale and coming up; no session needed.",
  Accounts: "Sign-up. Sign-in is next-auth's credentials flow (see web/README.md).",
  "Proof of work":
    "Self-hosted challenges (ALTCHA v2) a client solves before a sign-up or before entering a line; each costs a browser about a second and the server two HMACs to check.",
  "My reservations": "The signed-in buyer's own reservations.",
  Sessions:
    "Ending the signed-in user's sessions (sign out everywhere). web/README.md, Sessions, says when a session ends.",
  "Waiting room":
    "The web side of the waiting room: a ticket to open the queue socket, and storing the working token the queue service grants on admission.",
  Booking:
    "The seat map and seat holds of a show. Creating a hold and reading the seat map need a working token for the show's performance.",
  Payments: "Checkout of a hold, cancellation for a refund, and Stripe's webhook.",
  Organizer:
    "Halls, performances, grades, shows, sale and queue settings; who bought what (orders and attendees, a page at a time by cursor or as streamed CSV files); refunds and cancellations. ADMIN only.",
  "Check-in":
    "The door: ticket verdicts for STAFF (and ADMIN), and the keys that verify ticket codes.",
  Operations: "Health, readiness, metrics and this document.",
};

const description = `Ticketping's web API. Generated from the same zod schemas the routes validate with; web/README.md explains the rules behind each operation.

- Bodies are JSON (\`content-type: application/json\`, at most 16 KB). Answers are \`{ "data": ... }\` or \`{ "error": { "code", "message", "details"? } }\`, never cached.
- Every state-changing request a browser sends for another site is refused with 403 \`CSRF_REJECTED\`: \`Sec-Fetch-Site\` must be \`same-origin\` or \`none\`, else \`Origin\` must be this server's. A request with neither header is not a browser's and goes on.
- \`code\` is stable; clients switch on it. \`message\` is safe to show to users. A 500 (\`INTERNAL\`) is always a bug, so no operation lists it.
- Ids are UUIDs; times are ISO 8601 in UTC; money is an integer in minor units with an ISO currency.`;

/**
 * The OpenAPI 3.1 document of the given operations. Every schema comes from zod through
 * z.toJSONSchema in one pass, so named schemas are emitted once and referenced; the
 * request side is described as clients send it (before transforms and defaults) and
 * answers as they arrive (dates as ISO strings, see dateTime).
 */
export function buildDocument({
  operations,
  namedSchemas,
  version,
}: {
  operations: Operation[];
  namedSchemas: Map<z.ZodType, string>;
  version: string;
}): OpenApiDocument {
  const registry = z.registry<{ id: string }>();
  for (const [schema, name] of namedSchemas) registry.add(schema, { id: name });
  let inlineCount = 0;
  const idOf = (schema: z.ZodType): string => {
    const known = registry.get(schema)?.id;
    if (known) return known;
    const id = `${INLINE_PREFIX}${inlineCount++}`;
    registry.add(schema, { id });
    return id;
  };

  // Each operation's schemas get ids first; the JSON comes from one pass over them all.
  const planned = operations.map((operation) => plan(operation, idOf));
  const { schemas } = z.toJSONSchema(registry, {
    io: "input",
    uri: (id) => `${COMPONENT_PREFIX}${id}`,
    unrepresentable: "throw",
  });
  if ("__shared" in schemas) throw new Error("a schema was emitted as a shared definition");
  const json = new Map<string, JsonSchema>();
  for (const [id, schema] of Object.entries(schemas)) {
    // Each schema names itself as a standalone document; inside the OpenAPI one it must not.
    const copy = { ...(schema as JsonSchema) };
    delete copy.$schema;
    delete copy.$id;
    json.set(id, copy);
  }
  const resolve = (id: string): JsonSchema => {
    const schema = json.get(id);
    if (!schema) throw new Error(`no JSON schema for ${id}`);
    return id.startsWith(INLINE_PREFIX)
      ? inlineRefs(schema, json)
      : { $ref: `${COMPONENT_PREFIX}${id}` };
  };

  const paths: OpenApiDocument["paths"] = {};
  for (const { operation, ids } of planned) {
    const methods = (paths[operation.path] ??= {});
    if (methods[operation.method]) {
      throw new Error(`${operation.method.toUpperCase()} ${operation.path} is listed twice`);
    }
    methods[operation.method] = operationObject(operation, ids, resolve);
  }

  const components: Record<string, JsonSchema> = {};
  for (const name of [...namedSchemas.values()].sort()) {
    components[name] = inlineRefs(json.get(name) ?? {}, json);
  }
  const tags = [...new Set(operations.map((operation) => operation.tag))].map((name) => ({
    name,
    description: tagDescriptions[name] ?? "",
  }));
  return {
    openapi: "3.1.0",
    info: { title: "Ticketping web API", version, description },
    tags,
    paths,
    components: { schemas: components, securitySchemes },
  };
}

interface PlannedIds {
  params?: string;
  query?: string;
  body?: string;
  answers: Map<number, string | undefined>;
  errors: Map<number, { codes: string[]; id: string }>;
  headers: Map<string, string>;
}

function plan(operation: Operation, idOf: (schema: z.ZodType) => string) {
  const ids: PlannedIds = { answers: new Map(), errors: new Map(), headers: new Map() };
  if (operation.params) ids.params = idOf(operation.params);
  if (operation.query) ids.query = idOf(operation.query);
  if (operation.body) ids.body = idOf(operation.body);
  for (const [status, answer] of Object.entries(operation.answers)) {
    ids.answers.set(Number(status), answerId(answer, idOf));
  }
  for (const [status, codes] of errorsByStatus(operationErrors(operation))) {
    if (ids.answers.has(status)) {
      throw new Error(`${operation.operationId}: ${status} is both an answer and an error`);
    }
    ids.errors.set(status, { codes, id: idOf(errorBodySchema(codes)) });
  }
  for (const [name, header] of Object.entries(operation.headers ?? {})) {
    ids.headers.set(name, idOf(header.schema));
  }
  return { operation, ids };
}

function answerId(answer: Answer, idOf: (schema: z.ZodType) => string): string | undefined {
  if (answer.data) return idOf(z.strictObject({ data: answer.data }));
  if (answer.body) return idOf(answer.body);
  return undefined;
}

function operationObject(
  operation: Operation,
  ids: PlannedIds,
  resolve: (id: string) => JsonSchema,
): JsonSchema {
  const parameters = [
    ...(ids.params ? objectParameters(resolve(ids.params), "path") : []),
    ...(ids.query ? objectParameters(resolve(ids.query), "query") : []),
    ...[...ids.headers].map(([name, id]) => ({
      name,
      in: "header",
      required: false,
      description: operation.headers?.[name]?.description,
      schema: resolve(id),
    })),
  ];
  const responses: Record<string, JsonSchema> = {};
  for (const [status, id] of ids.answers) {
    const answer = operation.answers[status];
    if (!answer) continue;
    responses[String(status)] = answerObject(answer, id ? resolve(id) : undefined);
  }
  for (const [status, { codes, id }] of [...ids.errors].sort(([a], [b]) => a - b)) {
    const retryAfter = retryAfterHeader[status];
    responses[String(status)] = {
      description: codes
        .map((code) => `\`${code}\`: ${errorMeanings[code as keyof typeof errorMeanings]}`)
        .join("\n\n"),
      ...(retryAfter
        ? {
            headers: {
              "Retry-After": {
                description: "Seconds to wait before retrying.",
                required: retryAfter.required,
                schema: { type: "string", pattern: "^\\d+$" },
              },
            },
          }
        : {}),
      content: { "application/json": { schema: resolve(id) } },
    };
  }
  const security = securityOf[operation.access];
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(security ? { security } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(ids.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: resolve(ids.body) } },
          },
        }
      : {}),
    responses,
  };
}

function answerObject(answer: Answer, schema: JsonSchema | undefined): JsonSchema {
  const headers = Object.fromEntries(
    Object.entries(answer.headers ?? {}).map(([name, header]) => [
      name,
      {
        description: header.description,
        required: header.required ?? false,
        schema: { type: "string" },
      },
    ]),
  );
  const contentType = answer.contentType === undefined ? "application/json" : answer.contentType;
  return {
    description: answer.description,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(contentType === null
      ? {}
      : { content: { [contentType]: { schema: schema ?? { type: "string" } } } }),
  };
}

/** The properties of an object schema as OpenAPI parameters of one location. */
function objectParameters(schema: JsonSchema, location: "path" | "query"): JsonSchema[] {
  if (schema.$ref !== undefined) throw new Error(`${location} parameters must be an inline object`);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      // A path parameter is always required; a query one when the schema says so.
      required: location === "path" || required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

/** Replaces references to inlined schemas by the schemas themselves. */
function inlineRefs(schema: JsonSchema, json: Map<string, JsonSchema>): JsonSchema {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== "object" || value === null) return value;
    const record = value as JsonSchema;
    const ref = record.$ref;
    if (typeof ref === "string" && ref.startsWith(`${COMPONENT_PREFIX}${INLINE_PREFIX}`)) {
      const target = json.get(ref.slice(COMPONENT_PREFIX.length));
      if (!target) throw new Error(`dangling reference ${ref}`);
      return walk(target);
    }
    return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, walk(inner)]));
  };
  return walk(schema) as JsonSchema;
}
