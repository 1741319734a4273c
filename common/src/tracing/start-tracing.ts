import { context, diag, DiagLogLevel, propagation, trace } from "@opentelemetry/api";
import { ZipkinExporter } from "@opentelemetry/exporter-zipkin";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { Logger } from "pino";
import type { ShutdownStep } from "../lifecycle";
import { loadTracingEnv } from "./env";
import { untracedPathsSampler } from "./untraced-paths-sampler";
import { exportWholeMicroseconds } from "./whole-microsecond-spans";

export interface StartTracingOptions {
  serviceName: string;
  /** Zipkin's span intake (JSON v2), e.g. http://zipkin:9411/api/v2/spans. */
  zipkinEndpoint?: string | undefined;
  /** Used instead of Zipkin, e.g. an in-memory exporter in a test. */
  exporter?: SpanExporter;
  /** "simple" exports every span as it ends (tests); "batch" sends them in the background. */
  processor?: "batch" | "simple";
  /** Where export failures are reported (rate-limited), so an unreachable collector shows. */
  logger?: Logger;
  /** Request paths whose traces are dropped (see untracedPathsSampler): scrapes, probes. */
  untracedPaths?: readonly string[];
}

export interface Tracing {
  /** False when nothing is exported: no provider is registered and every span is a no-op. */
  enabled: boolean;
  /** Exports every ended span now. */
  flush: () => Promise<void>;
  /** Flushes, then unregisters the provider so a later start in the same process works. */
  shutdown: () => Promise<void>;
}

const disabled: Tracing = {
  enabled: false,
  flush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/**
 * Registers the process's tracer provider: spans of @opentelemetry/api calls (ours, and
 * Next.js's own) are batched and sent to Zipkin, context follows async calls, and W3C
 * trace context is the propagation format. Without an endpoint or exporter nothing is
 * registered, so the API stays a no-op and costs nothing.
 */
export function startTracing({
  serviceName,
  zipkinEndpoint,
  exporter,
  processor = "batch",
  logger,
  untracedPaths = [],
}: StartTracingOptions): Tracing {
  const spanExporter =
    exporter ??
    (zipkinEndpoint ? exportWholeMicroseconds(new ZipkinExporter({ url: zipkinEndpoint })) : null);
  if (!spanExporter) return disabled;

  if (logger) reportExportErrors(logger);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    sampler: untracedPathsSampler(untracedPaths),
    spanProcessors: [
      processor === "simple"
        ? new SimpleSpanProcessor(spanExporter)
        : // A second's delay keeps a trace visible soon after a purchase, and leaves
          // little unsent when a process that cannot wait for a flush exits.
          // A collector that does not answer must not hold a shutdown for long.
          new BatchSpanProcessor(spanExporter, {
            scheduledDelayMillis: 1_000,
            exportTimeoutMillis: 5_000,
          }),
    ],
  });
  provider.register();

  let stopped: Promise<void> | undefined;
  return {
    enabled: true,
    flush: () => provider.forceFlush(),
    shutdown: () =>
      (stopped ??= provider.shutdown().finally(() => {
        trace.disable();
        context.disable();
        propagation.disable();
        diag.disable();
      })),
  };
}

/** The process's tracing as its environment configures it (OTEL_* variables). */
export function startTracingFromEnv({
  serviceName,
  logger,
  source,
  untracedPaths,
}: {
  /** Used unless OTEL_SERVICE_NAME is set. */
  serviceName: string;
  logger?: Logger;
  source?: Record<string, string | undefined>;
  untracedPaths?: readonly string[];
}): Tracing {
  const env = loadTracingEnv(source);
  return startTracing({
    serviceName: env.OTEL_SERVICE_NAME ?? serviceName,
    zipkinEndpoint: env.OTEL_EXPORTER_ZIPKIN_ENDPOINT,
    ...(logger ? { logger } : {}),
    ...(untracedPaths ? { untracedPaths } : {}),
  });
}

/** The last step of a graceful shutdown: the spans of the final work are sent too. */
export function tracingShutdownStep(tracing: Tracing): ShutdownStep {
  return { name: "tracing", run: () => tracing.shutdown() };
}

/** One warning a minute at most: a collector that is down must not flood the logs. */
function reportExportErrors(logger: Logger): void {
  const log = logger.child({ component: "tracing" });
  let lastReport = 0;
  const report = (message: string, ...args: unknown[]) => {
    const now = Date.now();
    if (now - lastReport < 60_000) return;
    lastReport = now;
    log.warn({ details: args.map(String) }, `span export: ${message}`);
  };
  const ignore = () => undefined;
  diag.setLogger(
    { error: report, warn: report, info: ignore, debug: ignore, verbose: ignore },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
}
