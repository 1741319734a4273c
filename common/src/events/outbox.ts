import { createHash } from "node:crypto";
import type { EventDefinition, EventEnvelope, EventOf } from "./define-event";

/**
 * One row of a transactional outbox: written in the same database transaction as the state
 * change it announces, published to Kafka later by a relay (which sends `payload` as the
 * message's JSON value, exactly what a direct publish would have sent).
 */
export interface OutboxMessage {
  topic: string;
  key: string;
  payload: EventEnvelope<string, unknown>;
  headers: Record<string, string>;
}

export function outboxMessage<Definition extends EventDefinition>(
  definition: Definition,
  event: EventOf<Definition>,
  { key }: { key: string },
): OutboxMessage {
  const envelope = event as EventEnvelope<string, unknown>;
  return {
    topic: definition.topic,
    key,
    payload: envelope,
    headers: {
      "event-id": envelope.id,
      "event-type": envelope.type,
      "event-version": String(envelope.version),
    },
  };
}

/**
 * A stable event id for a fact that several sources may report independently (e.g. one
 * hold's expiry, seen by every worker's Redis subscriber and by the sweeper): the same
 * name always gives the same id, so idempotent consumers apply it once. A name-based
 * (version 5 layout) UUID, so it passes the envelope's uuid check.
 */
export function derivedEventId(name: string): string {
  const bytes = createHash("sha1").update(`ticketping:${name}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
