import { randomUUID } from "node:crypto";
import type { Kafka } from "@ticketping/common/kafka";

export interface CollectedMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface TopicCollector {
  messages: CollectedMessage[];
  stop: () => Promise<void>;
}

/**
 * Reads a topic from its end, from a group of its own, and keeps every message: the
 * test's view of what the system published. Resolves once offsets are resolved, so a
 * message published after it returns is seen.
 */
export async function collectTopic(kafka: Kafka, topic: string): Promise<TopicCollector> {
  const consumer = kafka.consumer({
    groupId: `test-collector-${randomUUID()}`,
    maxWaitTimeInMs: 200,
    heartbeatInterval: 500,
    sessionTimeout: 6_000,
  });
  const messages: CollectedMessage[] = [];
  const ready = new Promise<void>((resolve) => {
    const removeJoin = consumer.on(consumer.events.GROUP_JOIN, () => {
      removeJoin();
      const removeFetch = consumer.on(consumer.events.FETCH, () => {
        removeFetch();
        resolve();
      });
    });
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  await consumer.run({
    eachMessage: ({ message }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers ?? {})) {
        if (value !== undefined) headers[name] = value.toString();
      }
      messages.push({
        key: message.key?.toString() ?? "",
        value: message.value?.toString() ?? "",
        headers,
      });
      return Promise.resolve();
    },
  });
  await ready;
  return { messages, stop: () => consumer.disconnect() };
}
