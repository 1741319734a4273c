import { SpanKind, trace, type Context, type Span } from "@opentelemetry/api";
import { tracer } from "./spans";

/**
 * OpenTelemetry's messaging semantic conventions (Kafka). They are still "development"
 * status, so, as OpenTelemetry advises, the names are copied here rather than imported
 * from the package's unstable entry point.
 */
export const messagingAttributes = {
  system: "messaging.system",
  operationType: "messaging.operation.type",
  operationName: "messaging.operation.name",
  destinationName: "messaging.destination.name",
  partitionId: "messaging.destination.partition.id",
  messageId: "messaging.message.id",
  consumerGroup: "messaging.consumer.group.name",
  kafkaMessageKey: "messaging.kafka.message.key",
  kafkaOffset: "messaging.kafka.offset",
} as const;

/** Ours: which event a message carries, and whether it ended on the dead-letter topic. */
export const eventAttributes = {
  type: "ticketping.event.type",
  attempts: "ticketping.event.attempts",
  deadLettered: "ticketping.event.dead_lettered",
} as const;

export interface SendSpanOptions {
  topic: string;
  key: string;
  eventId?: string | undefined;
  eventType?: string | undefined;
  /** The trace the message continues. */
  parent: Context;
}

/** A PRODUCER span "send <topic>" for one message; its context goes into the headers. */
export function startSendSpan({ topic, key, eventId, eventType, parent }: SendSpanOptions): {
  span: Span;
  context: Context;
} {
  const span = tracer().startSpan(
    `send ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        [messagingAttributes.system]: "kafka",
        [messagingAttributes.operationType]: "send",
        [messagingAttributes.operationName]: "send",
        [messagingAttributes.destinationName]: topic,
        [messagingAttributes.kafkaMessageKey]: key,
        ...(eventId ? { [messagingAttributes.messageId]: eventId } : {}),
        ...(eventType ? { [eventAttributes.type]: eventType } : {}),
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

export interface ProcessSpanOptions {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  groupId: string;
  eventId?: string | undefined;
  eventType?: string | undefined;
  /** The context the message's headers carried (the root context for none). */
  parent: Context;
}

/** A CONSUMER span "process <topic>", a child of the span that sent the message. */
export function startProcessSpan(options: ProcessSpanOptions): { span: Span; context: Context } {
  const { topic, partition, offset, key, groupId, eventId, eventType, parent } = options;
  const span = tracer().startSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        [messagingAttributes.system]: "kafka",
        [messagingAttributes.operationType]: "process",
        [messagingAttributes.operationName]: "process",
        [messagingAttributes.destinationName]: topic,
        [messagingAttributes.partitionId]: String(partition),
        [messagingAttributes.kafkaOffset]: Number(offset),
        [messagingAttributes.kafkaMessageKey]: key,
        [messagingAttributes.consumerGroup]: groupId,
        ...(eventId ? { [messagingAttributes.messageId]: eventId } : {}),
        ...(eventType ? { [eventAttributes.type]: eventType } : {}),
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}
