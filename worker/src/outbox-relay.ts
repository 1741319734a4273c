import type { EventPublisher, RawMessage } from "@ticketping/common/kafka";
import { contextFromCarrier } from "@ticketping/common/tracing";
import type { Logger } from "@ticketping/common/logger";
import type { PrismaClient } from "@ticketping/db";

export interface OutboxRelayOptions {
  prisma: PrismaClient;
  /** A publisher of its own: on a failure the relay drops its connection and makes a new one. */
  publisher: EventPublisher;
  logger: Logger;
  pollIntervalMs?: number;
  batchSize?: number;
  /** Backoff after a failed batch: doubles from the first value up to the second. */
  backoffMs?: [initial: number, max: number];
  /** A publish that takes longer is treated as failed (and retried: consumers are idempotent). */
  publishTimeoutMs?: number;
}

export interface RunningOutboxRelay {
  /** Finishes the batch in hand (published and marked, or not at all), then stops. */
  stop: () => Promise<void>;
  /** Rows published since start, and failed attempts. */
  stats: () => { published: number; failures: number; lastError: string | null };
}

interface OutboxRow {
  id: string;
  topic: string;
  key: string | null;
  payload: unknown;
  headers: unknown;
  trace_context: unknown;
}

/** pg_try_advisory_xact_lock key: one relay publishes at a time, whatever the replicas. */
export const RELAY_LOCK_KEY = 0x7469636b_6f757462n; // "tickoutb"

/**
 * Publishes the outbox to Kafka: unpublished rows in creation order, a batch at a time.
 * A batch is marked published only after Kafka acknowledged it (acks from all in-sync
 * replicas), in the same transaction that read it, under a transaction-scoped advisory
 * lock so replicas never publish concurrently and per-key order holds. If Kafka is down
 * the batch stays unpublished, its attempts and error are recorded, and the relay backs
 * off and retries the same batch: an outage delays events, it never loses them. A crash
 * after the publish but before the commit publishes the batch again, which idempotent
 * consumers absorb.
 */
export function startOutboxRelay({
  prisma,
  publisher,
  logger,
  pollIntervalMs = 100,
  batchSize = 200,
  backoffMs = [250, 10_000],
  publishTimeoutMs = 15_000,
}: OutboxRelayOptions): RunningOutboxRelay {
  const log = logger.child({ component: "outbox-relay" });
  let stopping = false;
  let wake: (() => void) | undefined;
  let published = 0;
  let failures = 0;
  let lastError: string | null = null;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  // Idle, a batch would still cost a transaction (BEGIN, the lock, the read, COMMIT and
  // Prisma's transaction bookkeeping) every poll, ten times a second: in a load test that
  // was most of the worker's CPU between purchases. One indexed read outside a transaction
  // finds out first whether there is anything to publish.
  const hasPending = async (): Promise<boolean> => {
    const rows = await prisma.$queryRaw<unknown[]>`
      SELECT 1 FROM outbox_events WHERE published_at IS NULL LIMIT 1`;
    return rows.length > 0;
  };

  const relayBatch = async (): Promise<number> =>
    prisma
      .$transaction(
        async (tx) => {
          const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
          SELECT pg_try_advisory_xact_lock(${RELAY_LOCK_KEY}) AS locked`;
          if (!lock?.locked) return 0;
          const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, topic, key, payload, headers, trace_context FROM outbox_events
           WHERE published_at IS NULL
           ORDER BY created_at, id
           LIMIT ${batchSize}`;
          if (rows.length === 0) return 0;
          const ids = rows.map((row) => row.id);
          try {
            await publisher.connect();
            await withTimeout(publisher.publishRaw(rows.map(toMessage)), publishTimeoutMs);
          } catch (error) {
            throw new PublishFailed(error, ids);
          }
          await tx.$executeRaw`
          UPDATE outbox_events SET published_at = now(), attempts = attempts + 1, last_error = NULL
           WHERE id = ANY(${ids}::uuid[])`;
          return rows.length;
        },
        { maxWait: 10_000, timeout: publishTimeoutMs + 15_000 },
      )
      .catch(async (error: unknown) => {
        if (error instanceof PublishFailed) await recordFailure(error);
        throw error;
      });

  // After the batch's transaction rolled back: the rows stay unpublished, and say why.
  const recordFailure = async (error: PublishFailed) => {
    // A fresh connection next time: a producer that timed out may be wedged.
    await publisher.disconnect().catch(() => undefined);
    await prisma.$executeRaw`
      UPDATE outbox_events SET attempts = attempts + 1, last_error = ${error.message.slice(0, 2_000)}
       WHERE id = ANY(${error.ids}::uuid[]) AND published_at IS NULL`.catch(
      (updateError: unknown) => {
        log.debug({ err: updateError }, "could not record the failed attempt");
      },
    );
  };

  const loop = async () => {
    let consecutiveFailures = 0;
    while (!stopping) {
      let count: number;
      try {
        count = (await hasPending()) ? await relayBatch() : 0;
        published += count;
        if (consecutiveFailures > 0)
          log.info({ afterFailures: consecutiveFailures }, "relay recovered");
        consecutiveFailures = 0;
      } catch (error) {
        consecutiveFailures++;
        failures++;
        lastError = error instanceof Error ? error.message : String(error);
        const delay = Math.min(backoffMs[0] * 2 ** (consecutiveFailures - 1), backoffMs[1]);
        const level =
          consecutiveFailures === 1 || consecutiveFailures % 10 === 0 ? "warn" : "debug";
        log[level](
          { err: error, attempt: consecutiveFailures, retryInMs: delay },
          "outbox batch failed",
        );
        await pause(delay);
        continue;
      }
      // A full batch means more may be waiting: go on at once.
      if (count < batchSize) await pause(pollIntervalMs);
    }
  };
  const running = loop();

  return {
    stop: async () => {
      stopping = true;
      wake?.();
      await running;
    },
    stats: () => ({ published, failures, lastError }),
  };
}

class PublishFailed extends Error {
  constructor(
    cause: unknown,
    readonly ids: string[],
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`publishing ${ids.length} outbox rows failed: ${reason}`, { cause });
    this.name = "PublishFailed";
  }
}

function toMessage(row: OutboxRow): RawMessage {
  const headers: Record<string, string> = {};
  if (row.headers && typeof row.headers === "object") {
    for (const [name, value] of Object.entries(row.headers)) {
      if (typeof value === "string") headers[name] = value;
    }
  }
  return {
    topic: row.topic,
    key: row.key ?? "",
    value: JSON.stringify(row.payload),
    headers,
    // Sent in the trace of the request or event that wrote the row; a row without one
    // starts its own trace.
    traceParent: contextFromCarrier(row.trace_context),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`timed out after ${ms} ms`));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
