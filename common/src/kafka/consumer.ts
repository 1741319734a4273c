import type { Consumer, Kafka, KafkaMessage } from "kafkajs";
import { context, type Span } from "@opentelemetry/api";
import type { Logger } from "pino";
import {
  decodeEvent,
  EventDecodeError,
  type EventDefinition,
  type EventOf,
} from "../events/define-event";
import { deadLetterTopic } from "../events/catalog";
import { extractTraceContext } from "../tracing/trace-context";
import { eventAttributes, startProcessSpan } from "../tracing/messaging";
import { recordSpanError } from "../tracing/spans";
import type { EventPublisher } from "./publisher";

export interface EventContext {
  topic: string;
  partition: number;
  offset: string;
  attempt: number;
  headers: Record<string, string>;
}

export interface Subscription<Definition extends EventDefinition = EventDefinition> {
  definition: Definition;
  handle: (event: EventOf<Definition>, context: EventContext) => Promise<void>;
}

/** Keeps each subscription's handler typed against its own definition. */
export function subscribe<Definition extends EventDefinition>(
  definition: Definition,
  handle: (event: EventOf<Definition>, context: EventContext) => Promise<void>,
): Subscription {
  return { definition, handle } as unknown as Subscription;
}

interface IncomingMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
  headers: Record<string, string>;
}

export interface RetryPolicy {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface RunEventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  subscriptions: readonly Subscription[];
  /** Where poison messages and exhausted retries go; their topic plus ".dlq". */
  deadLetters: EventPublisher;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  /**
   * Failures that say nothing about the message (the database or Redis unreachable):
   * retried without limit (at the policy's longest delay), never dead-lettered, because
   * the same message succeeds once the dependency is back. The partition waits meanwhile.
   */
  isTransient?: (error: unknown) => boolean;
  fromBeginning?: boolean;
  /**
   * kafkajs heartbeats only between fetches, so a long fetch wait slows every rebalance
   * (a new member, a restart). Short waits keep group changes and delivery quick.
   */
  maxWaitTimeInMs?: number;
  heartbeatIntervalMs?: number;
  sessionTimeoutMs?: number;
  /**
   * Partitions handled at the same time (messages of one partition stay in order). One by
   * default; a consumer whose handlers wait on the database gains throughput from more.
   */
  partitionsConsumedConcurrently?: number;
  /**
   * A consumer that has fetched nothing for this long (no message in hand) is replaced by
   * a new one: kafkajs has been seen to stay down for good after a broker outage.
   */
  restartStalledAfterMs?: number;
  /**
   * How long without a completed fetch (and no message in hand) before isConsuming() turns
   * false. An idle consumer fetches every maxWaitTimeInMs, so silence means the broker does
   * not answer or the group is being rejoined.
   */
  stalledAfterMs?: number;
}

export interface RunningConsumer {
  /** Resolves once the group is joined and offsets are resolved (the first fetch). */
  ready: Promise<void>;
  /**
   * False before ready, after a crash and after stop, and while no fetch has completed for
   * stalledAfterMs with no message in hand: through a broker pause and the rejoin after it
   * the consumer stays "joined" without consuming anything.
   */
  isConsuming: () => boolean;
  /** Stops fetching, lets the message in hand finish, commits and leaves the group. */
  stop: () => Promise<void>;
  consumer: Consumer;
}

const HEARTBEAT_SLICE_MS = 1_000;

const defaultRetry: RetryPolicy = { attempts: 3, initialDelayMs: 1_000, maxDelayMs: 10_000 };

/**
 * At-least-once consumption: an offset is committed only after its handler succeeded
 * or the message was parked on the dead-letter topic, so handlers must be idempotent.
 * Messages of one partition are handled in order; a failing one is retried with
 * backoff a bounded number of times and then parked, so one poison message cannot
 * block its partition for ever.
 */
export async function runEventConsumer({
  kafka,
  groupId,
  subscriptions,
  deadLetters,
  logger,
  retry,
  isTransient = () => false,
  fromBeginning = false,
  maxWaitTimeInMs = 500,
  heartbeatIntervalMs = 1_000,
  sessionTimeoutMs = 10_000,
  partitionsConsumedConcurrently = 1,
  stalledAfterMs = 5_000,
  restartStalledAfterMs = 45_000,
}: RunEventConsumerOptions): Promise<RunningConsumer> {
  const policy = { ...defaultRetry, ...retry };
  const byTopic = new Map(subscriptions.map((s) => [s.definition.topic, s]));
  let stopping = false;
  let consuming = false;
  // Counted from the start, so the watchdog gives the first join its time.
  let lastProgressAt = Date.now();
  let messagesInHand = 0;
  let markReady: () => void = () => undefined;
  // Offsets of a new group resolve on the first fetch after joining; only from then on
  // is an event produced "now" guaranteed to be seen.
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const startConsumer = async (): Promise<Consumer> => {
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs,
      heartbeatInterval: heartbeatIntervalMs,
      sessionTimeout: sessionTimeoutMs,
    });
    // Listen before run() starts.
    const removeJoin = consumer.on(consumer.events.GROUP_JOIN, () => {
      removeJoin();
      const removeFetch = consumer.on(consumer.events.FETCH, () => {
        removeFetch();
        consuming = true;
        markReady();
      });
    });
    // A fetch that came back (even empty) or a message handled: the consumer is making progress.
    consumer.on(consumer.events.FETCH, () => {
      lastProgressAt = Date.now();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      consuming = false;
      logger.error({ err: payload.error, restart: payload.restart }, "consumer crashed");
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (!stopping) consuming = true;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...byTopic.keys()], fromBeginning });
    await runConsumer(consumer);
    return consumer;
  };

  const runConsumer = (consumer: Consumer) =>
    consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently,
      eachMessage: async (payload) => {
        const { topic, partition, message } = payload;
        const subscription = byTopic.get(topic);
        if (!subscription) return;
        const headers = readHeaders(message);
        const processing = startProcessSpan({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? "",
          groupId,
          eventId: headers["event-id"],
          eventType: headers["event-type"],
          parent: extractTraceContext(headers),
        });
        // A slow handler (retries with backoff, a provider call) holds up the next fetch.
        messagesInHand++;
        try {
          // Everything the handler does (database writes, outbox rows, further events) is
          // part of the trace the message arrived with.
          await context.with(processing.context, () =>
            handleMessage(
              subscription,
              { topic, partition, message, headers },
              processing.span,
              () => payload.heartbeat(),
            ),
          );
        } catch (error) {
          recordSpanError(processing.span, error);
          throw error;
        } finally {
          processing.span.end();
          messagesInHand--;
          lastProgressAt = Date.now();
        }
      },
    });

  let current = await startConsumer();

  // kafkajs restarts a crashed consumer by itself, but after a broker outage it has been
  // seen to stay down for good (crashed with restart: true, then never fetching again).
  // A consumer that has fetched nothing for restartStalledAfterMs with no message in hand
  // is replaced by a new one; while the broker is still away the attempt fails and is
  // made again later.
  let restarting = false;
  const watchdog = setInterval(
    () => {
      const stalled =
        !stopping &&
        !restarting &&
        messagesInHand === 0 &&
        Date.now() - lastProgressAt > restartStalledAfterMs;
      if (!stalled) return;
      restarting = true;
      logger.warn({ groupId }, "consumer stalled; replacing it");
      lastProgressAt = Date.now();
      void current
        .disconnect()
        .catch(() => undefined)
        .then(() => startConsumer())
        .then((replacement) => {
          if (stopping) return replacement.disconnect();
          current = replacement;
        })
        .catch((error: unknown) => {
          logger.warn({ err: error, groupId }, "consumer replacement failed; retrying later");
        })
        .finally(() => {
          restarting = false;
        });
    },
    Math.min(5_000, restartStalledAfterMs),
  );
  watchdog.unref();

  async function handleMessage(
    subscription: Subscription,
    { topic, partition, message, headers }: IncomingMessage,
    span: Span,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const log = logger.child({ topic, partition, offset: message.offset });

    let event: EventOf<EventDefinition>;
    try {
      event = decodeEvent(subscription.definition, message.value);
    } catch (error) {
      if (!(error instanceof EventDecodeError)) throw error;
      log.error({ err: error }, "undecodable event; sending to dead letters");
      deadLettered(span, error, 0);
      await park(deadLetters, topic, partition, message, error.message, 0);
      return;
    }

    let counted = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        await subscription.handle(event, {
          topic,
          partition,
          offset: message.offset,
          attempt,
          headers,
        });
        span.setAttribute(eventAttributes.attempts, attempt);
        return;
      } catch (error) {
        const transient = isTransient(error);
        if (!transient) counted++;
        const exhausted = (!transient && counted >= policy.attempts) || stopping;
        if (exhausted && stopping) {
          // Leave the offset uncommitted: the next owner of the partition retries it.
          throw error;
        }
        if (exhausted) {
          log.error({ err: error, eventId: event.id, attempt }, "handler failed; dead-lettered");
          deadLettered(span, error, attempt);
          await park(deadLetters, topic, partition, message, describe(error), attempt);
          return;
        }
        const delay = Math.min(policy.initialDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
        log.warn({ err: error, eventId: event.id, attempt, delay }, "handler failed; retrying");
        span.addEvent("retry", {
          attempt,
          "retry.delay_ms": delay,
          "error.message": describe(error),
        });
        // Heartbeats through the wait: a long outage must not cost the group its member
        // (kafkajs heartbeats only between messages; the session times out in 10 s).
        for (let waited = 0; waited < delay && !stopping; waited += HEARTBEAT_SLICE_MS) {
          await sleep(Math.min(HEARTBEAT_SLICE_MS, delay - waited));
          await heartbeat().catch(() => undefined);
        }
      }
    }
  }

  return {
    get consumer() {
      return current;
    },
    ready,
    isConsuming: () =>
      consuming && (messagesInHand > 0 || Date.now() - lastProgressAt < stalledAfterMs),
    stop: async () => {
      stopping = true;
      consuming = false;
      clearInterval(watchdog);
      await current.disconnect();
    },
  };
}

async function park(
  deadLetters: EventPublisher,
  topic: string,
  partition: number,
  message: KafkaMessage,
  reason: string,
  attempts: number,
): Promise<void> {
  await deadLetters.publishRaw([
    {
      topic: deadLetterTopic(topic),
      key: message.key?.toString() ?? "",
      value: message.value?.toString() ?? "",
      headers: {
        ...readHeaders(message),
        "dlq-reason": reason.slice(0, 1_000),
        "dlq-attempts": String(attempts),
        "dlq-source": `${topic}/${partition}/${message.offset}`,
      },
    },
  ]);
}

function readHeaders(message: KafkaMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.map(String).join(",") : value.toString();
  }
  return headers;
}

/** The message ends on the dead-letter topic: its trace shows that, and why. */
function deadLettered(span: Span, error: unknown, attempts: number): void {
  recordSpanError(span, error);
  span.setAttribute(eventAttributes.deadLettered, true);
  span.setAttribute(eventAttributes.attempts, attempts);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
