import { Prisma, type PrismaClient } from "../generated/client";

/**
 * Who handled which event: `consumer` names the effect, so two different consumers of one
 * event each run once; `eventId` is the event's id (or another key that names the fact
 * once, such as a payment id).
 */
export interface ProcessedEventKey {
  consumer: string;
  eventId: string;
}

/**
 * The processed-event row as one part of a larger SQL statement (a CTE): returns 1 when the
 * event is new, nothing when it was handled before, so later parts can depend on it.
 */
export function insertProcessedEventSql({ consumer, eventId }: ProcessedEventKey): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO processed_events (consumer, event_id) VALUES (${consumer}, ${eventId})
    ON CONFLICT DO NOTHING
    RETURNING 1`;
}

/**
 * Records that `consumer` handled the event; false when it already had. Inside a
 * transaction, a concurrent duplicate blocks on the row's key until the first commits.
 */
export async function recordProcessedEvent(
  client: Prisma.TransactionClient,
  key: ProcessedEventKey,
): Promise<boolean> {
  const rows = await client.$queryRaw<unknown[]>(insertProcessedEventSql(key));
  return rows.length > 0;
}

export type HandledOnce<T> = { applied: true; result: T } | { applied: false };

/**
 * Runs an event's effects at most once, however often it is delivered (Kafka redelivers,
 * a provider retries its webhook): the processed-event row and the effects commit
 * together or not at all. A concurrent duplicate waits for the first, then does nothing.
 */
export async function handleOnce<T>(
  {
    prisma,
    transaction,
    ...key
  }: ProcessedEventKey & {
    prisma: PrismaClient;
    /** Pool wait and run time limits of the transaction (Prisma's defaults otherwise). */
    transaction?: { maxWait?: number; timeout?: number };
  },
  effect: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<HandledOnce<T>> {
  return prisma.$transaction(async (tx): Promise<HandledOnce<T>> => {
    if (!(await recordProcessedEvent(tx, key))) return { applied: false };
    return { applied: true, result: await effect(tx) };
  }, transaction);
}
