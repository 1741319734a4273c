import type { Kafka, Producer } from "kafkajs";
import type { EventDefinition, EventOf } from "../events/define-event";
import { encodeEvent } from "../events/define-event";

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

  /** For the outbox relay and the dead-letter path, which carry already-encoded events. */
  async publishRaw(messages: readonly RawMessage[]): Promise<void> {
    const byTopic = new Map<string, RawMessage[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic) ?? [];
      list.push(message);
      byTopic.set(message.topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map(({ key, value, headers }) => ({ key, value, headers })),
      })),
    });
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
