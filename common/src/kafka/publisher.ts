import type { Kafka, Producer } from "kafkajs";
import { context, propagation, type Context } from "@opentelemetry/api";
import type { EventDefinition, EventOf } from "../events/define-event";
import { encodeEvent } from "../events/define-event";
import { startSendSpan } from "../tracing/messaging";
import { recordSpanError } from "../tracing/spans";

export interface PublishOptions {
  /** Messages with one key stay in order: use the aggregate's id (e.g. the reservation). */
  key: string;
  headers?: Record<string, string>;
}

export interface RawMessage {
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
  /**
   * The trace this message continues (the outbox relay passes the one stored with the
   * row); the active context by default.
   */
  traceParent?: Context;
}

/** Publishes typed events; acks from all in-sync replicas, idempotent producer. */
export class EventPublisher {
  private readonly producer: Producer;
  private connected = false;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  async publish<Definition extends EventDefinition>(
    definition: Definition,
    event: EventOf<Definition>,
    { key, headers }: PublishOptions,
  ): Promise<void> {
    await this.publishRaw([
      {
        topic: definition.topic,
        key,
        value: encodeEvent(event),
        headers: { ...eventHeaders(event), ...headers },
      },
    ]);
  }

  /**
   * For the outbox relay and the dead-letter path, which carry already-encoded events.
   * Each message is sent in a span of its own whose context its headers carry, so the
   * consumer continues the same trace.
   */
  async publishRaw(messages: readonly RawMessage[]): Promise<void> {
    const active = context.active();
    const byTopic = new Map<
      string,
      { key: string; value: string; headers: Record<string, string> }[]
    >();
    const spans = messages.map(({ topic, key, value, headers = {}, traceParent = active }) => {
      const send = startSendSpan({
        topic,
        key,
        eventId: headers["event-id"],
        eventType: headers["event-type"],
        parent: traceParent,
      });
      const list = byTopic.get(topic) ?? [];
      list.push({ key, value, headers: withTraceHeaders(headers, send.context) });
      byTopic.set(topic, list);
      return send.span;
    });
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
      });
    } catch (error) {
      for (const span of spans) recordSpanError(span, error);
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }
}

export function eventHeaders(event: {
  id: string;
  type: string;
  version: number;
}): Record<string, string> {
  return {
    "event-id": event.id,
    "event-type": event.type,
    "event-version": String(event.version),
  };
}

/** The message's headers with its send span's trace context instead of any older one. */
function withTraceHeaders(headers: Record<string, string>, from: Context): Record<string, string> {
  const fields = new Set(propagation.fields());
  const result = Object.fromEntries(Object.entries(headers).filter(([name]) => !fields.has(name)));
  propagation.inject(from, result);
  return result;
}
