import {
  context,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type SpanOptions,
  type Tracer,
} from "@opentelemetry/api";
import { ATTR_ERROR_TYPE } from "@opentelemetry/semantic-conventions";

/** The tracer of our own spans (Next.js names its own "next.js"). */
export function tracer(): Tracer {
  return trace.getTracer("ticketping");
}

export interface WithSpanOptions extends SpanOptions {
  /** The span's parent; the active context by default. */
  parent?: Context;
}

/**
 * Runs `fn` inside a new span that is active for everything `fn` awaits, and ends it when
 * `fn` settles; a thrown error marks the span failed and is rethrown.
 */
export async function withSpan<T>(
  name: string,
  { parent = context.active(), ...options }: WithSpanOptions,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(name, options, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    recordSpanError(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Marks a span failed; error.type is an AppError's stable code or the error's class. */
export function recordSpanError(span: Span, error: unknown): void {
  const exception = error instanceof Error ? error : new Error(String(error));
  span.recordException(exception);
  span.setAttribute(ATTR_ERROR_TYPE, errorType(exception));
  span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
}

function errorType(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code.length > 0 ? code : error.name;
}
