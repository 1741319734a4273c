import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createEvent, deadLetterTopic, defineEvent } from "../src/events";
import { subscribe, type RunningConsumer } from "../src/kafka";
import {
  activeTraceCarrier,
  contextFromCarrier,
  InMemorySpanExporter,
  startTracing,
  withSpan,
  type ReadableSpan,
  type Tracing,
} from "../src/tracing";
import { createKafkaTestRun, startTestConsumer } from "./support/kafka-run";

/**
 * Trace context through a real broker: what the publisher puts into the headers is what
 * the consumer continues, and a message without it starts a trace of its own.
 */
const run = createKafkaTestRun("kafka-tracing-test");
const { runId, kafka, publisher } = run;
const traceEvent = defineEvent({
  type: `test.trace-${runId}`,
  version: 1,
  payload: z.object({ label: z.string() }),
});

const exporter = new InMemorySpanExporter();
const groupId = `trace-group-${runId}`;

interface Handled {
  traceparent: string | undefined;
  /** The outbox carrier the handler would store: proves the handler runs in the span. */
  carrier: Record<string, string> | null;
}
const handled = new Map<string, Handled>();
const eventIds = new Map<string, string>();

let tracing: Tracing;
let running: RunningConsumer | undefined;

function spans(): ReadableSpan[] {
  return exporter.getFinishedSpans();
}

async function processed(label: string): Promise<ReadableSpan> {
  await expect.poll(() => handled.has(label), { timeout: 20_000 }).toBe(true);
  let span: ReadableSpan | undefined;
  await expect
    .poll(() => {
      span = spans().find(
        (candidate) =>
          candidate.name === `process ${traceEvent.topic}` &&
          candidate.attributes["messaging.message.id"] === eventIds.get(label),
      );
      return span;
    })
    .toBeDefined();
  if (!span) throw new Error("unreachable");
  return span;
}

describe("trace context through Kafka", () => {
  beforeAll(async () => {
    tracing = startTracing({ serviceName: "kafka-tracing-test", exporter, processor: "simple" });
    running = await startTestConsumer(run, {
      topic: traceEvent.topic,
      groupId,
      retry: { attempts: 2, initialDelayMs: 20, maxDelayMs: 50 },
      subscriptions: [
        subscribe(traceEvent, (event, context) => {
          handled.set(event.payload.label, {
            traceparent: context.headers.traceparent,
            carrier: activeTraceCarrier(),
          });
          if (event.payload.label === "poison") return Promise.reject(new Error("bad luck"));
          return Promise.resolve();
        }),
      ],
    });
    await running.ready;
  });

  afterAll(async () => {
    await running?.stop();
    await publisher.disconnect();
    await tracing.shutdown();
  });

  it("makes the consumer's span a child of the publishing span, in one trace", async () => {
    const event = createEvent(traceEvent, { label: "direct" });
    eventIds.set("direct", event.id);
    await withSpan("purchase", {}, () => publisher.publish(traceEvent, event, { key: "k1" }));

    const purchase = spans().find((span) => span.name === "purchase");
    const send = spans().find((span) => span.name === `send ${traceEvent.topic}`);
    const processing = await processed("direct");
    const traceId = purchase?.spanContext().traceId;
    expect(traceId).toBeDefined();
    expect(send?.parentSpanContext?.spanId).toBe(purchase?.spanContext().spanId);
    expect(send?.attributes["messaging.message.id"]).toBe(event.id);
    expect(processing.spanContext().traceId).toBe(traceId);
    expect(processing.parentSpanContext?.spanId).toBe(send?.spanContext().spanId);
    expect(processing.attributes["messaging.kafka.message.key"]).toBe("k1");
    expect(processing.attributes["messaging.consumer.group.name"]).toBe(groupId);

    // The header is the send span's, and the handler's writes would carry the process span.
    const entry = handled.get("direct");
    expect(entry?.traceparent).toBe(`00-${traceId}-${send?.spanContext().spanId}-01`);
    expect(entry?.carrier?.traceparent).toBe(`00-${traceId}-${processing.spanContext().spanId}-01`);
  });

  it("continues a stored context (the outbox relay's case) instead of the active one", async () => {
    const stored = await withSpan("webhook", {}, () => Promise.resolve(activeTraceCarrier()));
    const webhook = spans().find((span) => span.name === "webhook");
    const event = createEvent(traceEvent, { label: "stored" });
    eventIds.set("stored", event.id);
    await withSpan("relay loop", {}, () =>
      publisher.publishRaw([
        {
          topic: traceEvent.topic,
          key: "k2",
          value: JSON.stringify(event),
          headers: { "event-id": event.id },
          traceParent: contextFromCarrier(stored),
        },
      ]),
    );
    const processing = await processed("stored");
    expect(processing.spanContext().traceId).toBe(webhook?.spanContext().traceId);
    const send = spans().find(
      (span) =>
        span.name === `send ${traceEvent.topic}` &&
        span.attributes["messaging.message.id"] === event.id,
    );
    expect(send?.parentSpanContext?.spanId).toBe(webhook?.spanContext().spanId);
  });

  it("starts a new trace for a message that carries no trace headers", async () => {
    const event = createEvent(traceEvent, { label: "bare" });
    eventIds.set("bare", event.id);
    // Sent past the publisher, as a producer that knows nothing of tracing would.
    const producer = kafka.producer();
    await producer.connect();
    await withSpan("unrelated", {}, () =>
      producer.send({
        topic: traceEvent.topic,
        messages: [{ key: "k3", value: JSON.stringify(event), headers: { "event-id": event.id } }],
      }),
    );
    await producer.disconnect();
    const processing = await processed("bare");
    expect(handled.get("bare")?.traceparent).toBeUndefined();
    expect(processing.parentSpanContext).toBeUndefined();
    const unrelated = spans().find((span) => span.name === "unrelated");
    expect(processing.spanContext().traceId).not.toBe(unrelated?.spanContext().traceId);
  });

  it("marks a dead-lettered message's span failed, and the dead letter stays in its trace", async () => {
    const event = createEvent(traceEvent, { label: "poison" });
    eventIds.set("poison", event.id);
    await withSpan("doomed purchase", {}, () =>
      publisher.publish(traceEvent, event, { key: "k4" }),
    );
    const processing = await processed("poison");
    expect(processing.status.code).toBe(2);
    expect(processing.attributes["ticketping.event.dead_lettered"]).toBe(true);
    expect(processing.events.map((spanEvent) => spanEvent.name)).toContain("retry");
    const parked = spans().find(
      (span) => span.name === `send ${deadLetterTopic(traceEvent.topic)}`,
    );
    expect(parked?.parentSpanContext?.spanId).toBe(processing.spanContext().spanId);
    expect(parked?.spanContext().traceId).toBe(processing.spanContext().traceId);
  });
});
