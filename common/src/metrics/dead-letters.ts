import type { Counter, Registry } from "prom-client";
import { deadLetterTopic } from "../events/catalog";
import { EventPublisher, type Kafka, type RawMessage } from "../kafka";
import { counter } from "./registry";

export function deadLetterCounter(registry: Registry): Counter<"topic"> {
  return counter(registry, {
    name: "ticketping_kafka_dead_letters_total",
    help: "Messages parked on a dead-letter topic, by the topic they came from",
    labelNames: ["topic"],
  });
}

/**
 * The consumer's dead-letter publisher, counting what it parks: a message lands on a
 * dead-letter topic only after its retries ran out or it could not be decoded, which is
 * always worth an alert.
 */
export class CountingDeadLetterPublisher extends EventPublisher {
  private readonly parked: Counter<"topic">;

  /**
   * `topics`: those the consumer reads. Their series start at 0, so the first message ever
   * parked is an increase Prometheus sees (a series that appears at 1 has no increase, and
   * DeadLetterMessages would miss it).
   */
  constructor(kafka: Kafka, registry: Registry, topics: readonly string[] = []) {
    super(kafka);
    this.parked = deadLetterCounter(registry);
    for (const topic of topics) this.parked.inc({ topic }, 0);
  }

  override async publishRaw(messages: readonly RawMessage[]): Promise<void> {
    await super.publishRaw(messages);
    const suffix = deadLetterTopic("");
    for (const message of messages) {
      const topic = message.topic.endsWith(suffix)
        ? message.topic.slice(0, -suffix.length)
        : message.topic;
      this.parked.inc({ topic });
    }
  }
}
