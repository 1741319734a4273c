import { deadLetterTopic, eventCatalog } from "@ticketping/common/events";
import {
  ensureTopics,
  EventPublisher,
  runEventConsumer,
  type Kafka,
  type RetryPolicy,
} from "@ticketping/common/kafka";
import type { Logger } from "@ticketping/common/logger";
import type { PrismaClient } from "@ticketping/db";
import { createSubscriptions } from "./handlers";

export interface WorkerDeps {
  kafka: Kafka;
  prisma: PrismaClient;
  logger: Logger;
  groupId: string;
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

export async function startWorker({
  kafka,
  prisma,
  logger,
  groupId,
  retry,
}: WorkerDeps): Promise<RunningWorker> {
  await ensureTopics(kafka, allTopics);
  const deadLetters = new EventPublisher(kafka);
  await deadLetters.connect();

  const running = await runEventConsumer({
    kafka,
    groupId,
    subscriptions: createSubscriptions({ prisma, logger }),
    deadLetters,
    logger,
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
