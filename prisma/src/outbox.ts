import type { OutboxMessage } from "@ticketping/common/events";
import { activeTraceCarrier } from "@ticketping/common/tracing";
import type { Prisma } from "./generated/client";

/**
 * Adds events to the outbox inside the caller's transaction; the worker's relay publishes
 * them in creation order. Used by every service that changes state and announces it.
 */
export async function writeOutbox(
  tx: Prisma.TransactionClient,
  messages: readonly OutboxMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  // The relay publishes these later, in the trace of the work that wrote them.
  const traceContext = activeTraceCarrier() ?? undefined;
  await tx.outboxEvent.createMany({
    data: messages.map((message) => ({
      topic: message.topic,
      key: message.key,
      payload: message.payload as unknown as Prisma.InputJsonValue,
      headers: message.headers,
      traceContext,
    })),
  });
}
