import { context, propagation, ROOT_CONTEXT, type Context } from "@opentelemetry/api";
import { z } from "zod";

/**
 * A trace context in its W3C text form ({ traceparent, tracestate? }): what travels in
 * Kafka headers, and what an outbox row keeps until the relay publishes it.
 */
export type TraceCarrier = Record<string, string>;

const carrierSchema = z.record(z.string(), z.string());

/** Adds the given (by default the active) context's trace headers; other headers stay. */
export function injectTraceHeaders(
  headers: Record<string, string>,
  from: Context = context.active(),
): Record<string, string> {
  propagation.inject(from, headers);
  return headers;
}

/**
 * The trace context a message's headers carry, as a parent for the span that handles it.
 * Headers without one give the root context: the handling starts a new trace.
 */
export function extractTraceContext(headers: Readonly<Record<string, string>>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/**
 * The active span's context in its text form, for a row that is published later (the
 * outbox); null when there is none (no active span, or tracing off), so nothing is stored.
 */
export function activeTraceCarrier(): TraceCarrier | null {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length > 0 ? carrier : null;
}

/**
 * The context a stored carrier describes. A missing or malformed value (a row from before
 * tracing, or written with tracing off) gives the root context: a trace of its own.
 */
export function contextFromCarrier(stored: unknown): Context {
  const carrier = carrierSchema.safeParse(stored);
  return carrier.success ? extractTraceContext(carrier.data) : ROOT_CONTEXT;
}
