import { randomUUID } from "node:crypto";
import { envFields, parseEnv } from "../../src/env";
import { deadLetterTopic } from "../../src/events";
import {
  createKafka,
  ensureTopics,
  EventPublisher,
  runEventConsumer,
  type Kafka,
  type RetryPolicy,
  type RunningConsumer,
  type Subscription,
} from "../../src/kafka";
import { createLogger, type Logger } from "../../src/logger";

export interface KafkaTestRun {
  /** Goes into the test's event type, so its topic is fresh and runs never meet. */
  runId: string;
  logger: Logger;
  kafka: Kafka;
  publisher: EventPublisher;
}

/** A client and a publisher against the real broker, with a silent logger. */
export function createKafkaTestRun(name: string): KafkaTestRun {
  const runId = randomUUID().slice(0, 8);
  const { KAFKA_BROKERS } = parseEnv({ KAFKA_BROKERS: envFields.kafkaBrokers });
  const logger = createLogger({ name, level: "silent" });
  const kafka = createKafka({ brokers: KAFKA_BROKERS, clientId: `${name}-${runId}`, logger });
  return { runId, logger, kafka, publisher: new EventPublisher(kafka) };
}

/**
 * Creates the topic and its dead-letter topic, connects the publisher (which also parks
 * dead letters) and runs a consumer that reads the topic from the beginning.
 */
export async function startTestConsumer(
  { kafka, logger, publisher }: KafkaTestRun,
  {
    topic,
    groupId,
    retry,
    subscriptions,
    isTransient,
  }: {
    topic: string;
    groupId: string;
    retry: RetryPolicy;
    subscriptions: readonly Subscription[];
    isTransient?: (error: unknown) => boolean;
  },
): Promise<RunningConsumer> {
  await ensureTopics(kafka, [topic, deadLetterTopic(topic)]);
  await publisher.connect();
  return runEventConsumer({
    kafka,
    groupId,
    fromBeginning: true,
    deadLetters: publisher,
    logger,
    retry,
    subscriptions,
    ...(isTransient ? { isTransient } : {}),
  });
}
