export * from "./env";
export * from "./start-tracing";
export * from "./trace-context";
export * from "./spans";
export * from "./messaging";
export type { Context, Span } from "@opentelemetry/api";
export { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-node";
