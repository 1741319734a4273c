import { randomUUID } from "node:crypto";
import { z } from "zod";

/**
 * An event type: its name, the version of its payload, the Kafka topic it travels on
 * and the zod schema both producer and consumer validate against. A breaking payload
 * change gets a new version; consumers refuse versions they do not know.
 */
export interface EventDefinition<
  Type extends string = string,
  Payload extends z.ZodType = z.ZodType,
> {
  readonly type: Type;
  readonly version: number;
  readonly topic: string;
  readonly payload: Payload;
  readonly envelope: z.ZodType<EventEnvelope<Type, z.infer<Payload>>>;
}

export interface EventEnvelope<Type extends string, Payload> {
  id: string;
  type: Type;
  version: number;
  occurredAt: string;
  payload: Payload;
}

export type EventOf<Definition extends EventDefinition> =
  Definition extends EventDefinition<infer Type, infer Payload>
    ? EventEnvelope<Type, z.infer<Payload>>
    : never;

export type PayloadOf<Definition extends EventDefinition> = z.infer<Definition["payload"]>;

export const TOPIC_PREFIX = "ticketping.";

export function defineEvent<Type extends string, Payload extends z.ZodType>(options: {
  type: Type;
  version: number;
  payload: Payload;
}): EventDefinition<Type, Payload> {
  const envelope = z.object({
    id: z.uuid(),
    type: z.literal(options.type),
    version: z.literal(options.version),
    occurredAt: z.iso.datetime({ offset: true }),
    payload: options.payload,
  }) as unknown as z.ZodType<EventEnvelope<Type, z.infer<Payload>>>;
  return {
    type: options.type,
    version: options.version,
    topic: `${TOPIC_PREFIX}${options.type}`,
    payload: options.payload,
    envelope,
  };
}

export function createEvent<Definition extends EventDefinition>(
  definition: Definition,
  payload: PayloadOf<Definition>,
  options: { id?: string; occurredAt?: Date } = {},
): EventOf<Definition> {
  const event = {
    id: options.id ?? randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    payload,
  };
  // Validating on the way out means a bad event fails where it was made, not in a consumer.
  return definition.envelope.parse(event) as EventOf<Definition>;
}

export class EventDecodeError extends Error {
  constructor(
    message: string,
    readonly topic: string,
  ) {
    super(message);
    this.name = "EventDecodeError";
  }
}

export function decodeEvent<Definition extends EventDefinition>(
  definition: Definition,
  raw: Buffer | string | null,
): EventOf<Definition> {
  if (raw === null) throw new EventDecodeError("message has no value", definition.topic);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch {
    throw new EventDecodeError("message is not JSON", definition.topic);
  }
  const result = definition.envelope.safeParse(json);
  if (!result.success) {
    throw new EventDecodeError(
      `message does not match ${definition.type} v${definition.version}: ${z.prettifyError(result.error)}`,
      definition.topic,
    );
  }
  return result.data as EventOf<Definition>;
}

export function encodeEvent(event: EventEnvelope<string, unknown>): string {
  return JSON.stringify(event);
}
