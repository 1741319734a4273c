import { deadLetterTopic, eventCatalog } from "@ticketping/common/events";
import {
  ensureTopics,
  EventPublisher,
  runEventConsumer,
  type Kafka,
  type RetryPolicy,
} from "@ticketping/common/kafka";
import { createSubscriptions, type HandlerDeps } from "./handlers";

export interface WorkerDeps extends HandlerDeps {
  kafka: Kafka;
  groupId: string;
  /** Partitions handled at once; messages of one partition stay in order. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
}

export interface RunningWorker {
  /** Resolves once the group is joined and partition offsets are resolved. */
  ready: Promise<void>;
  isConsuming: () => boolean;
  stop: () => Promise<void>;
}

export const allTopics = eventCatalog.flatMap((event) => [
  event.topic,
  deadLetterTopic(event.topic),
]);

/** The Kafka consumer group of the worker: every handler, with retries and dead letters. */
export async function startWorker({
  kafka,
  groupId,
  concurrency = 1,
  retry,
  ...deps
}: WorkerDeps): Promise<RunningWorker> {
  await ensureTopics(kafka, allTopics);
  const deadLetters = new EventPublisher(kafka);
  await deadLetters.connect();

  const running = await runEventConsumer({
    kafka,
    groupId,
    subscriptions: createSubscriptions(deps),
    deadLetters,
    logger: deps.logger,
    partitionsConsumedConcurrently: concurrency,
    ...(retry ? { retry } : {}),
  });

  return {
    ready: running.ready,
    isConsuming: running.isConsuming,
    stop: async () => {
      await running.stop();
      await deadLetters.disconnect();
    },
  };
}
