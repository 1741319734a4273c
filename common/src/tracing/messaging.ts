import { SpanKind, trace, type Attributes, type Context, type Span } from "@opentelemetry/api";
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
export function startSendSpan(options: SendSpanOptions): { span: Span; context: Context } {
  return startMessageSpan("send", SpanKind.PRODUCER, options, {});
}

export interface ProcessSpanOptions extends SendSpanOptions {
  partition: number;
  offset: string;
  groupId: string;
  /** The context the message's headers carried (the root context for none). */
  parent: Context;
}

/** A CONSUMER span "process <topic>", a child of the span that sent the message. */
export function startProcessSpan(options: ProcessSpanOptions): { span: Span; context: Context } {
  return startMessageSpan("process", SpanKind.CONSUMER, options, {
    [messagingAttributes.partitionId]: String(options.partition),
    [messagingAttributes.kafkaOffset]: Number(options.offset),
    [messagingAttributes.consumerGroup]: options.groupId,
  });
}

/** "<operation> <topic>", with the attributes every message span carries plus `more`. */
function startMessageSpan(
  operation: "send" | "process",
  kind: SpanKind,
  { topic, key, eventId, eventType, parent }: SendSpanOptions,
  more: Attributes,
): { span: Span; context: Context } {
  const span = tracer().startSpan(
    `${operation} ${topic}`,
    {
      kind,
      attributes: {
        [messagingAttributes.system]: "kafka",
        [messagingAttributes.operationType]: operation,
        [messagingAttributes.operationName]: operation,
        [messagingAttributes.destinationName]: topic,
        [messagingAttributes.kafkaMessageKey]: key,
        ...more,
        ...(eventId ? { [messagingAttributes.messageId]: eventId } : {}),
        ...(eventType ? { [eventAttributes.type]: eventType } : {}),
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}
