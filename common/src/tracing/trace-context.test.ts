import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-node";
import { startProcessSpan, startSendSpan } from "./messaging";
import { withSpan } from "./spans";
import { startTracing, type Tracing } from "./start-tracing";
import {
  activeTraceCarrier,
  contextFromCarrier,
  extractTraceContext,
  injectTraceHeaders,
} from "./trace-context";

// A fresh exporter per start: shutting the provider down stops its exporter for good.
let exporter = new InMemorySpanExporter();
let tracing: Tracing | undefined;

function start(): void {
  exporter = new InMemorySpanExporter();
  tracing = startTracing({ serviceName: "tracing-test", exporter, processor: "simple" });
}

afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
});

function finished(name: string) {
  const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name);
  if (!span) throw new Error(`no finished span ${name}`);
  return span;
}

const processOptions = { topic: "t", partition: 0, offset: "7", key: "k", groupId: "g" };

describe("trace context in message headers", () => {
  it("carries the active span as a W3C traceparent header, and the consumer continues it", async () => {
    start();
    const headers = await withSpan("webhook", {}, () =>
      Promise.resolve(injectTraceHeaders({ "event-id": "e1" })),
    );
    const webhook = finished("webhook");
    const { traceId, spanId } = webhook.spanContext();
    expect(headers).toEqual({ "event-id": "e1", traceparent: `00-${traceId}-${spanId}-01` });

    const processing = startProcessSpan({
      ...processOptions,
      parent: extractTraceContext(headers),
    });
    processing.span.end();
    const consumed = finished("process t");
    expect(consumed.kind).toBe(SpanKind.CONSUMER);
    expect(consumed.spanContext().traceId).toBe(traceId);
    expect(consumed.parentSpanContext?.spanId).toBe(spanId);
    expect(consumed.attributes).toMatchObject({
      "messaging.system": "kafka",
      "messaging.destination.name": "t",
      "messaging.kafka.offset": 7,
      "messaging.consumer.group.name": "g",
    });
  });

  it("starts a new trace for a message without trace headers", async () => {
    start();
    await withSpan("unrelated", {}, () => {
      const processing = startProcessSpan({ ...processOptions, parent: extractTraceContext({}) });
      processing.span.end();
      return Promise.resolve();
    });
    const consumed = finished("process t");
    expect(consumed.parentSpanContext).toBeUndefined();
    expect(consumed.spanContext().traceId).not.toBe(finished("unrelated").spanContext().traceId);
  });

  it("keeps a context for later (the outbox) and restores it, or a new trace for junk", async () => {
    start();
    expect(activeTraceCarrier()).toBeNull();
    const carrier = await withSpan("record", {}, () => Promise.resolve(activeTraceCarrier()));
    const record = finished("record").spanContext();
    expect(carrier).toEqual({ traceparent: `00-${record.traceId}-${record.spanId}-01` });

    const send = startSendSpan({ topic: "t", key: "k", parent: contextFromCarrier(carrier) });
    send.span.end();
    expect(finished("send t").parentSpanContext?.spanId).toBe(record.spanId);
    expect(finished("send t").kind).toBe(SpanKind.PRODUCER);

    for (const junk of [null, "text", { traceparent: 1 }, { traceparent: "00-bad" }]) {
      expect(trace.getSpanContext(contextFromCarrier(junk))).toBeUndefined();
    }
  });

  it("marks a span failed when its work throws, and rethrows", async () => {
    start();
    const failure = Object.assign(new Error("no seats"), { code: "SEATS_TAKEN" });
    await expect(withSpan("hold", {}, () => Promise.reject(failure))).rejects.toBe(failure);
    const hold = finished("hold");
    expect(hold.status.code).toBe(2);
    expect(hold.attributes["error.type"]).toBe("SEATS_TAKEN");
  });
});

describe("tracing switched off", () => {
  it("registers nothing without an endpoint: no spans, no headers, nothing to store", async () => {
    tracing = startTracing({ serviceName: "tracing-test", zipkinEndpoint: undefined });
    expect(tracing.enabled).toBe(false);
    const headers = await withSpan("webhook", {}, () => {
      expect(activeTraceCarrier()).toBeNull();
      return Promise.resolve(injectTraceHeaders({}));
    });
    expect(headers).toEqual({});
    expect(trace.getSpanContext(extractTraceContext(headers))).toBeUndefined();
    expect(contextFromCarrier({ traceparent: "x" })).toBe(ROOT_CONTEXT);
  });

  it("can start again after a shutdown in the same process", async () => {
    start();
    await tracing?.shutdown();
    start();
    await withSpan("again", {}, () => Promise.resolve());
    expect(finished("again").resource.attributes["service.name"]).toBe("tracing-test");
  });
});
