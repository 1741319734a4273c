import type { OutboxMessage } from "@ticketping/common/events";
import { activeTraceCarrier } from "@ticketping/common/tracing";
import { Prisma } from "./generated/client";
import { uuidv7 } from "./uuidv7";

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

/**
 * The same outbox row as one part of a larger SQL statement (a CTE), written once per row
 * of the `from` relation (zero or one): for a hot path that records its fact and its event
 * in one round trip. Returns 1 for the row written.
 */
export function insertOutboxSql(
  message: OutboxMessage,
  { from }: { from: Prisma.Sql },
): Prisma.Sql {
  const carrier = activeTraceCarrier();
  return Prisma.sql`
    INSERT INTO outbox_events (id, topic, key, payload, headers, trace_context)
    SELECT ${uuidv7()}::uuid, ${message.topic}, ${message.key},
           ${JSON.stringify(message.payload)}::jsonb, ${JSON.stringify(message.headers)}::jsonb,
           ${carrier ? JSON.stringify(carrier) : null}::jsonb
      FROM ${from}
    RETURNING 1`;
}
