import { deadLetterTopic, eventCatalog } from "@ticketping/common/events";
import {
  ensureTopics,
  runEventConsumer,
  type Kafka,
  type RetryPolicy,
} from "@ticketping/common/kafka";
import { CountingDeadLetterPublisher, registerConsumerLag } from "@ticketping/common/metrics/kafka";
import { isRedisUnavailableError } from "@ticketping/common/redis";
import { isDatabaseUnavailable } from "@ticketping/db";
import { createSubscriptions, type HandlerDeps } from "./handlers";
import { registry } from "./metrics";
import { observeSubscriptions } from "./observe-subscriptions";
import type { PaymentActivity } from "./payment-activity";

export interface WorkerDeps extends HandlerDeps {
  kafka: Kafka;
  groupId: string;
  /** Partitions handled at once; messages of one partition stay in order. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Counts the handlers at work, for the mail sender to give way to. */
  activity?: PaymentActivity;
  /** Of the topics it creates; unset: from the cluster's size. */
  replicationFactor?: number | undefined;
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
  activity,
  replicationFactor,
  ...deps
}: WorkerDeps): Promise<RunningWorker> {
  await ensureTopics(kafka, allTopics, { replicationFactor });
  const observed = observeSubscriptions(createSubscriptions(deps));
  const subscriptions = activity ? activity.track(observed) : observed;
  const topics = subscriptions.map((subscription) => subscription.definition.topic);
  const deadLetters = new CountingDeadLetterPublisher(kafka, registry, topics);
  await deadLetters.connect();
  const running = await runEventConsumer({
    kafka,
    groupId,
    subscriptions,
    deadLetters,
    logger: deps.logger,
    partitionsConsumedConcurrently: concurrency,
    // A partition this group never committed (idle so far, or a new group) must start at
    // its oldest message, not its newest: otherwise a payment published while the worker
    // was restarting or rejoining after a Kafka outage would be skipped for ever. The
    // handlers are idempotent, so reading history again is safe.
    fromBeginning: true,
    // PostgreSQL or Redis restarting is no reason to dead-letter a payment.
    isTransient: (error) => isDatabaseUnavailable(error) || isRedisUnavailableError(error),
    ...(retry ? { retry } : {}),
  });

  const lag = registerConsumerLag({
    registry,
    kafka,
    groupId,
    topics,
    logger: deps.logger,
  });

  return {
    ready: running.ready,
    isConsuming: running.isConsuming,
    stop: async () => {
      await running.stop();
      await Promise.all([deadLetters.disconnect(), lag.stop()]);
    },
  };
}
