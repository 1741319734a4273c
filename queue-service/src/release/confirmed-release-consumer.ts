import { deadLetterTopic, reservationConfirmed, type EventOf } from "@ticketping/common/events";
import {
  ensureTopics,
  EventPublisher,
  runEventConsumer,
  subscribe,
  type Kafka,
  type RetryPolicy,
} from "@ticketping/common/kafka";
import { withLogContext, type Logger } from "@ticketping/common/logger";
import type { Registry } from "@ticketping/common/metrics";
import { CountingDeadLetterPublisher } from "@ticketping/common/metrics/kafka";

export interface RunningReleaseConsumer {
  ready: Promise<void>;
  isConsuming: () => boolean;
  stop: () => Promise<void>;
}

/**
 * A confirmed reservation ends its buyer's working slot: the worker publishes
 * reservation.confirmed and this consumer releases the slot. Releasing is idempotent and
 * bounded by the event's time, so a redelivered event never ends a newer slot.
 */
export async function startConfirmedReleaseConsumer(options: {
  kafka: Kafka;
  groupId: string;
  logger: Logger;
  release: (event: EventOf<typeof reservationConfirmed>) => Promise<void>;
  retry?: Partial<RetryPolicy>;
  /** Counts what goes to the dead-letter topic (ticketping_kafka_dead_letters_total). */
  registry?: Registry;
  /** Of the topics it creates; unset: from the cluster's size. */
  replicationFactor?: number | undefined;
}): Promise<RunningReleaseConsumer> {
  const { kafka, groupId, logger } = options;
  await ensureTopics(
    kafka,
    [reservationConfirmed.topic, deadLetterTopic(reservationConfirmed.topic)],
    { replicationFactor: options.replicationFactor },
  );
  const deadLetters = options.registry
    ? new CountingDeadLetterPublisher(kafka, options.registry, [reservationConfirmed.topic])
    : new EventPublisher(kafka);
  await deadLetters.connect();
  const running = await runEventConsumer({
    kafka,
    groupId,
    logger: logger.child({ component: "confirmed-release-consumer" }),
    deadLetters,
    subscriptions: [
      subscribe(reservationConfirmed, (event) =>
        withLogContext({ eventId: event.id }, async () => {
          await options.release(event);
          logger.info(
            { reservationId: event.payload.reservationId },
            "confirmed reservation's slot released",
          );
        }),
      ),
    ],
    ...(options.retry ? { retry: options.retry } : {}),
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
