import type { HrTime } from "@opentelemetry/api";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-node";

/**
 * Zipkin's JSON v2 wants whole microseconds. The Zipkin exporter (2.x) rounds a span's
 * duration but passes its start through as it is, and Next.js starts its spans at
 * fractional performance-clock times: Zipkin then refuses the whole batch (400, "Expected
 * a long"), and every span in it is lost, a purchase's web spans among them. This hands
 * the exporter each span with its start rounded to the microsecond.
 */
export function exportWholeMicroseconds(exporter: SpanExporter): SpanExporter {
  return {
    export: (spans, resultCallback) => {
      exporter.export(spans.map(withWholeMicrosecondStart), resultCallback);
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}

function withWholeMicrosecondStart(span: ReadableSpan): ReadableSpan {
  const [seconds, nanos] = span.startTime;
  if (Number.isInteger(nanos / 1_000)) return span;
  const micros = Math.round(nanos / 1_000);
  const startTime: HrTime = micros >= 1_000_000 ? [seconds + 1, 0] : [seconds, micros * 1_000];
  // The span itself stays untouched (other processors may hold it): a view of it whose
  // start is rounded, everything else read through from the span.
  return Object.create(span, { startTime: { value: startTime } }) as ReadableSpan;
}
