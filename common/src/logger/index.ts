import { isSpanContextValid, trace } from "@opentelemetry/api";
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { currentLogContext } from "./log-context";

export type { Logger } from "pino";
export { currentLogContext, withLogContext, type LogContext } from "./log-context";
export { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";
export { withRequestLog, type LoggedRequestOptions } from "./node-http";

export interface CreateLoggerOptions {
  name: string;
  level?: LoggerOptions["level"];
  /** Where lines go; stdout when omitted (tests capture them here). */
  destination?: DestinationStream;
}

/**
 * Correlation fields, added to a line only when it is written (never for a level that is
 * off): the request or event being handled, and the trace when tracing is on, so a log
 * line leads to its trace in Zipkin.
 */
function correlation(): Record<string, unknown> {
  const context = currentLogContext();
  const span = trace.getActiveSpan();
  const spanContext = span?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return context ?? {};
  return { ...context, traceId: spanContext.traceId, spanId: spanContext.spanId };
}

/** JSON logs on stdout: one line per event, so any shipper (Loki, journald) can read them. */
export function createLogger({ name, level = "info", destination }: CreateLoggerOptions): Logger {
  const options: LoggerOptions = {
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: correlation,
    redact: {
      paths: ["password", "*.password", "authorization", "*.authorization", "*.headers.cookie"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
