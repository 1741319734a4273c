import { SpanKind, context, trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-node";
import { afterEach, describe, expect, it } from "vitest";
import { startTracing, type Tracing } from "./start-tracing";

let tracing: Tracing | undefined;

afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
});

/** A request's root span as Next.js starts it, with one child span inside. */
function serveRequest(target: string): void {
  const tracer = trace.getTracer("untraced-paths-test");
  const root = tracer.startSpan(`GET ${target}`, {
    kind: SpanKind.SERVER,
    attributes: { "http.method": "GET", "http.target": target },
  });
  context.with(trace.setSpan(context.active(), root), () => {
    tracer.startSpan(`inside ${target}`).end();
  });
  root.end();
}

describe("untraced paths", () => {
  it("drops a scrape's whole trace, query or not, and keeps every other request's", () => {
    const exporter = new InMemorySpanExporter();
    tracing = startTracing({
      serviceName: "untraced-paths-test",
      exporter,
      processor: "simple",
      untracedPaths: ["/api/metrics", "/api/health"],
    });
    serveRequest("/api/metrics");
    serveRequest("/api/health?probe=1");
    serveRequest("/api/metrics/other");
    serveRequest("/api/queue/ticket");
    expect(
      exporter
        .getFinishedSpans()
        .map((span) => span.name)
        .sort(),
    ).toEqual([
      "GET /api/metrics/other",
      "GET /api/queue/ticket",
      "inside /api/metrics/other",
      "inside /api/queue/ticket",
    ]);
  });
});
