import { z } from "zod";
import { loadEnvOrExit } from "../env";

/**
 * OpenTelemetry's own variable names, so an operator's usual settings work. Every process
 * traces the same way, so this one module reads them for all of them.
 */
export const tracingEnvShape = {
  /** Overrides the process's own name (web, worker, queue-service) in traces. */
  OTEL_SERVICE_NAME: z.string().min(1).max(100).optional(),
  /** Zipkin's span intake, e.g. http://zipkin:9411/api/v2/spans. Unset: no tracing at all. */
  OTEL_EXPORTER_ZIPKIN_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
};

export type TracingEnv = ReturnType<typeof loadTracingEnv>;

export function loadTracingEnv(source: Record<string, string | undefined> = process.env) {
  return loadEnvOrExit(tracingEnvShape, source);
}
