import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import Stripe from "stripe";
import { spawnService, type SpawnedService } from "@ticketping/common/testing";
import type { PrismaClient } from "@ticketping/db";
import type { SeededSchedule } from "./booking";

/** Stripe's webhook events as Stripe sends them (the fields our route reads, and the envelope). */
export type CheckoutEventType =
  | "checkout.session.completed"
  | "checkout.session.async_payment_succeeded"
  | "checkout.session.async_payment_failed"
  | "checkout.session.expired";

export interface SessionFacts {
  sessionId: string;
  reservationId: string;
  amountMinor: number;
  currency?: string;
  paymentIntentId?: string | null;
  paymentStatus?: "paid" | "unpaid";
}

export function checkoutEvent(type: CheckoutEventType, facts: SessionFacts) {
  const paid =
    facts.paymentStatus ??
    (type === "checkout.session.completed" || type === "checkout.session.async_payment_succeeded"
      ? "paid"
      : "unpaid");
  return {
    id: `evt_${randomBytes(12).toString("hex")}`,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: {
      object: {
        id: facts.sessionId,
        object: "checkout.session",
        amount_subtotal: facts.amountMinor,
        amount_total: facts.amountMinor,
        client_reference_id: facts.reservationId,
        currency: (facts.currency ?? "EUR").toLowerCase(),
        metadata: { reservation_id: facts.reservationId },
        mode: "payment",
        payment_intent:
          facts.paymentIntentId === undefined
            ? `pi_${randomBytes(12).toString("hex")}`
            : facts.paymentIntentId,
        payment_status: paid,
        status: type === "checkout.session.expired" ? "expired" : "complete",
        url: null,
      },
    },
  };
}

export function chargeRefundedEvent({
  paymentIntentId,
  amountMinor,
  refundedMinor = amountMinor,
}: {
  paymentIntentId: string;
  amountMinor: number;
  refundedMinor?: number;
}) {
  return {
    id: `evt_${randomBytes(12).toString("hex")}`,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "charge.refunded",
    data: {
      object: {
        id: `ch_${randomBytes(12).toString("hex")}`,
        object: "charge",
        amount: amountMinor,
        amount_refunded: refundedMinor,
        currency: "eur",
        payment_intent: paymentIntentId,
        refunded: refundedMinor >= amountMinor,
      },
    },
  };
}

/** POSTs an event to the webhook route, signed the way Stripe signs (the SDK's helper). */
export async function deliverWebhook(
  baseUrl: string,
  event: unknown,
  { secret, timestamp, body }: { secret: string; timestamp?: number; body?: string },
): Promise<{ status: number; json: WebhookAnswer }> {
  const payload = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestamp === undefined ? {} : { timestamp }),
  });
  const response = await fetch(`${baseUrl}/api/webhooks/stripe`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signature },
    body: body ?? payload,
  });
  return { status: response.status, json: (await response.json()) as WebhookAnswer };
}

export interface WebhookAnswer {
  data?: { received: true; eventId: string; type: string; outcome: string };
  error?: { code: string; message: string };
}

export const webhookSecret = () => `whsec_${randomBytes(24).toString("hex")}`;

/**
 * `count` PENDING reservations of one seat each with a simulated checkout session, as the
 * hold and checkout APIs leave them (inserted directly: these tests are about payments).
 */
export async function createCheckouts(
  prisma: PrismaClient,
  {
    scheduleId,
    seatIds,
    userIds,
    priceMinor,
    holdMs = 300_000,
  }: {
    scheduleId: string;
    seatIds: string[];
    userIds: string[];
    priceMinor: (seatId: string) => number;
    holdMs?: number;
  },
): Promise<{ reservationId: string; sessionId: string; seatId: string; amountMinor: number }[]> {
  const holdExpiresAt = new Date(Date.now() + holdMs);
  const rows = seatIds.map((seatId, index) => {
    const reservationId = randomUUID();
    return {
      reservationId,
      seatId,
      sessionId: `cs_sim_${reservationId.replaceAll("-", "")}`,
      amountMinor: priceMinor(seatId),
      userId: userIds[index % userIds.length] ?? "",
    };
  });
  await prisma.reservation.createMany({
    data: rows.map((row) => ({
      id: row.reservationId,
      userId: row.userId,
      scheduleId,
      amountMinor: row.amountMinor,
      currency: "EUR",
      holdExpiresAt,
      checkoutProvider: "SIMULATED" as const,
      checkoutSessionId: row.sessionId,
    })),
  });
  await prisma.reservationSeat.createMany({
    data: rows.map((row) => ({
      reservationId: row.reservationId,
      seatId: row.seatId,
      priceMinor: row.amountMinor,
    })),
  });
  return rows;
}

export type Checkout = Awaited<ReturnType<typeof createCheckouts>>[number];

/**
 * Checkouts of one show's seats, each seat used once: every call takes the next seats in
 * order (see createCheckouts), priced by their grade and spread over `userIds`.
 */
export function seatCheckouts(
  prisma: PrismaClient,
  { schedule, userIds }: { schedule: SeededSchedule; userIds: string[] },
) {
  let nextSeat = 0;
  const many = async (count: number, holdMs?: number): Promise<Checkout[]> => {
    const seatIds = schedule.seatIds.slice(nextSeat, nextSeat + count);
    nextSeat += count;
    if (seatIds.length < count) throw new Error("out of seats");
    return createCheckouts(prisma, {
      scheduleId: schedule.scheduleId,
      seatIds,
      userIds,
      priceMinor: (seatId) => schedule.priceOf.get(seatId) ?? 0,
      holdMs,
    });
  };
  const one = async (holdMs?: number): Promise<Checkout> => {
    const [row] = await many(1, holdMs);
    if (!row) throw new Error("no checkout");
    return row;
  };
  return { many, one };
}

/** Runs `task` over `items` with at most `concurrency` at a time. */
export async function inParallel<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  });
  await Promise.all(workers);
  return results;
}

/** The real worker process (outbox relay, consumers, expiry listener, sweeper) on `databaseUrl`. */
export function startWorker({
  databaseUrl,
  groupId = `web-test-worker-${randomUUID().slice(0, 8)}`,
  env = {},
}: {
  databaseUrl: string;
  /** A restarted worker must rejoin its group to resume from the committed offsets. */
  groupId?: string;
  env?: Record<string, string>;
}): Promise<SpawnedService> {
  return spawnService({
    cwd: path.resolve(import.meta.dirname, "../../../worker"),
    entry: "src/main.ts",
    readyMessage: "consuming",
    readyTimeoutMs: 60_000,
    env: {
      DATABASE_URL: databaseUrl,
      WORKER_HEALTH_PORT: "0",
      WORKER_GROUP_ID: groupId,
      PAYMENT_PROVIDER: "simulated",
      OUTBOX_POLL_INTERVAL_MS: "50",
      ...env,
    },
  });
}
