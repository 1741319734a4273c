import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSeatMapVersion, scheduleKeys, storeSeatMap } from "@ticketping/common/seats";
import { syncSeatCache } from "@ticketping/db/lifecycle";
import { seedReservation } from "@ticketping/db/testing";
import { seedPerformance } from "./support/catalog-fixtures";
import { signedInUsers } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
let web: RunningWebServer;
let adminCookie: string;
let buyerCookie: string;
let buyerId: string;
let scheduleId: string;
let seatIds: string[];

interface ApiBody {
  data?: Record<string, unknown> & {
    refund?: Record<string, unknown>;
    cancellation?: Record<string, unknown>;
  };
  error?: {
    code: string;
    details?: { reason?: string; seatIds?: string[]; issues?: { path: string }[] };
  };
}

async function call(
  method: string,
  path: string,
  { cookie = adminCookie, body }: { cookie?: string; body?: unknown } = {},
): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(`${web.baseUrl}${path}`, {
    method,
    headers: {
      cookie,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

/** A confirmed order of `seats` seats at 50.00 each, paid (a COMPLETED payment). */
async function paidOrder(seats: string[]): Promise<string> {
  const reservationId = await seedReservation(system.prisma, {
    userId: buyerId,
    scheduleId,
    seatIds: seats,
    status: "CONFIRMED",
  });
  await system.prisma.payment.create({
    data: {
      reservationId,
      provider: "SIMULATED",
      providerPaymentId: `pi_sim_${randomUUID().replaceAll("-", "")}`,
      amountMinor: 5_000 * seats.length,
      currency: "EUR",
      status: "COMPLETED",
    },
  });
  return reservationId;
}

const seat = (index: number) => seatIds[index] ?? "";

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_refunds" });
  web = await system.startWeb();
  const [admin, buyer] = await signedInUsers(system.prisma, web.baseUrl, [
    { label: "refund-organizer", role: "ADMIN" },
    { label: "refund-buyer" },
  ]);
  [adminCookie, buyerCookie, buyerId] = [admin.cookie, buyer.cookie, buyer.id];
  const performance = await seedPerformance(system.prisma, {
    name: "Refund Night",
    opensInHours: -1,
    showsInHours: [48],
    rows: 1,
    columns: 8,
  });
  const [first] = performance.scheduleIds;
  const [seats] = performance.seatIds;
  if (!first || !seats) throw new Error("fixture incomplete");
  [scheduleId, seatIds] = [first, seats];
});

afterAll(async () => {
  await system.stop();
});

describe("POST /api/admin/reservations/:id/refunds", () => {
  it("is for organizers only", async () => {
    const reservationId = await paidOrder([seat(7)]);
    const asBuyer = await call("POST", `/api/admin/reservations/${reservationId}/refunds`, {
      cookie: buyerCookie,
      body: { releaseSeats: true },
    });
    expect([asBuyer.status, asBuyer.body.error?.code]).toEqual([403, "FORBIDDEN"]);
  });

  it("refunds the price of the chosen seats; their tickets stop admitting; a second click is refused", async () => {
    const reservationId = await paidOrder([seat(0), seat(1)]);
    const path = `/api/admin/reservations/${reservationId}/refunds`;

    const refund = await call("POST", path, { body: { seatIds: [seat(1)], releaseSeats: true } });
    expect(refund.status).toBe(202);
    expect(refund.body.data?.refund).toMatchObject({
      reservationId,
      status: "REQUESTED",
      amountMinor: 5_000,
      currency: "EUR",
      seatIds: [seat(1)],
      releaseSeats: true,
      reservationStatus: "CONFIRMED",
    });
    const again = await call("POST", path, { body: { seatIds: [seat(1)], releaseSeats: true } });
    expect([again.status, again.body.error?.code, again.body.error?.details]).toEqual([
      409,
      "CONFLICT",
      { reason: "SEATS_ALREADY_REFUNDED", seatIds: [seat(1)] },
    ]);
    expect(await system.prisma.refund.count({ where: { reservationId } })).toBe(1);
    const seats = await system.prisma.seat.findMany({
      where: { id: { in: [seat(0), seat(1)] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(seats.map((row) => [row.id, row.status]))).toEqual({
      [seat(0)]: "SOLD",
      [seat(1)]: "AVAILABLE",
    });

    // The door: the refunded seat's ticket is NOT_VALID, the other one admits.
    const ticketOf = async (seatId: string) =>
      (await system.prisma.ticket.findFirstOrThrow({ where: { reservationId, seatId } })).id;
    const scan = async (seatId: string) =>
      (
        await call("POST", "/api/check-in", {
          body: { scheduleId, gate: "North", ticketId: await ticketOf(seatId) },
        })
      ).body.data?.outcome;
    expect(await scan(seat(1))).toBe("NOT_VALID");
    expect(await scan(seat(0))).toBe("ADMITTED");

    // The buyer's list marks the seat refunded, without its ticket, and lists the refund.
    const mine = await call("GET", "/api/me/reservations", { cookie: buyerCookie });
    const reservations = mine.body.data?.reservations as {
      id: string;
      seats: { column: number; refunded: boolean; ticket: unknown }[];
      refunds: { amountMinor: number; refundedAt: string | null }[];
    }[];
    const order = reservations.find((row) => row.id === reservationId);
    expect(order?.seats.map((row) => [row.refunded, row.ticket === null])).toEqual([
      [false, false],
      [true, true],
    ]);
    expect(order?.refunds).toMatchObject([{ amountMinor: 5_000, refundedAt: null }]);

    // The rest, kept off sale: the order ends REFUNDED, the seat stays SOLD.
    const rest = await call("POST", path, { body: { releaseSeats: false } });
    expect(rest.body.data?.refund).toMatchObject({
      seatIds: [seat(0)],
      amountMinor: 5_000,
      reservationStatus: "REFUNDED",
    });
    const ended = await call("POST", path, { body: { releaseSeats: false } });
    expect([ended.status, ended.body.error?.details?.reason]).toEqual([409, "ORDER_NOT_CONFIRMED"]);
    expect((await system.prisma.seat.findUniqueOrThrow({ where: { id: seat(0) } })).status).toBe(
      "SOLD",
    );
  });

  it("the buyer's cancel after a partial refund gives back the rest and keeps the kept-off-sale seat off sale", async () => {
    const [kept, rest] = [seat(5), seat(6)];
    const reservationId = await paidOrder([kept, rest]);
    // The seat map as the confirmation left it: both seats SOLD to this order.
    const cache = { keyPrefix: system.keyPrefix, scheduleId };
    const keys = scheduleKeys(system.keyPrefix, scheduleId);
    await storeSeatMap(system.redis, {
      ...cache,
      expectedVersion: await readSeatMapVersion(system.redis, cache),
      build: randomUUID(),
      layoutJson: "{}",
      taken: [],
    });
    await syncSeatCache(
      { redis: system.redis, keyPrefix: system.keyPrefix },
      { reservationId, scheduleId, status: "CONFIRMED", seatIds: [kept, rest] },
    );
    const refund = await call("POST", `/api/admin/reservations/${reservationId}/refunds`, {
      body: { seatIds: [kept], releaseSeats: false },
    });
    expect(refund.status).toBe(202);
    const cancelled = await call("POST", `/api/reservations/${reservationId}/cancel`, {
      cookie: buyerCookie,
    });
    expect(cancelled.status).toBe(200);

    const mine = await call("GET", "/api/me/reservations", { cookie: buyerCookie });
    const reservations = mine.body.data?.reservations as {
      id: string;
      refunds: { amountMinor: number }[];
    }[];
    const order = reservations.find((row) => row.id === reservationId);
    // 50.00 by the organizer, then the remaining 50.00 of the 100.00 payment: not 50 + 100.
    expect(order?.refunds.map((row) => row.amountMinor)).toEqual([5_000, 5_000]);

    const cached = (seatId: string) => system.redis.hget(keys.status, seatId);
    expect(await cached(rest)).toBeNull();
    expect(await cached(kept)).toBe(`S:${reservationId}`);
    // The other tests here expect no cached map.
    await system.redis.del(keys.layout, keys.status);
    const seats = await system.prisma.seat.findMany({
      where: { id: { in: [kept, rest] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(seats.map((row) => [row.id, row.status]))).toEqual({
      [kept]: "SOLD",
      [rest]: "AVAILABLE",
    });
  });

  it("answers stable codes for a bad body, foreign seats and an unknown order", async () => {
    const reservationId = await paidOrder([seat(2)]);
    const path = `/api/admin/reservations/${reservationId}/refunds`;
    const missing = await call("POST", path, { body: {} });
    expect([missing.status, missing.body.error?.code]).toEqual([400, "VALIDATION_FAILED"]);
    const unknownField = await call("POST", path, { body: { releaseSeats: true, amount: 1 } });
    expect([unknownField.status, unknownField.body.error?.code]).toEqual([
      400,
      "VALIDATION_FAILED",
    ]);
    const foreign = await call("POST", path, {
      body: { seatIds: [seat(3)], releaseSeats: true },
    });
    expect([foreign.status, foreign.body.error?.details?.issues?.[0]?.path]).toEqual([
      400,
      "seatIds",
    ]);
    const unknown = await call("POST", `/api/admin/reservations/${randomUUID()}/refunds`, {
      body: { releaseSeats: true },
    });
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, "NOT_FOUND"]);
    expect(await system.prisma.refund.count({ where: { reservationId } })).toBe(0);
  });
});

describe("/api/admin/schedules/:id/cancellation", () => {
  it("cancels a show once, refuses its holds in the database, and reports progress", async () => {
    const before = await call("GET", `/api/admin/schedules/${scheduleId}/cancellation`);
    expect(before.body.data?.cancellation).toMatchObject({ cancelledAt: null });

    const cancelled = await call("POST", `/api/admin/schedules/${scheduleId}/cancellation`, {
      body: { reason: "The artist is ill." },
    });
    expect(cancelled.status).toBe(202);
    const cancellation = cancelled.body.data?.cancellation;
    expect(cancellation).toMatchObject({ scheduleId, reason: "The artist is ill." });
    expect(typeof cancellation?.cancelledAt).toBe("string");
    // Orders still confirmed are counted, waiting for the worker (not running here).
    expect((cancellation?.orders as { total: number }).total).toBeGreaterThan(0);

    const again = await call("POST", `/api/admin/schedules/${scheduleId}/cancellation`, {
      body: {},
    });
    expect(again.body.data?.cancellation?.cancelledAt).toBe(cancellation?.cancelledAt);
    expect(
      await system.prisma.outboxEvent.count({ where: { topic: { endsWith: "show.cancelled" } } }),
    ).toBe(1);
    await expect(
      seedReservation(system.prisma, {
        userId: buyerId,
        scheduleId,
        seatIds: [seat(4)],
        status: "PENDING",
      }),
    ).rejects.toThrow(/cancelled/);

    const asBuyer = await call("GET", `/api/admin/schedules/${scheduleId}/cancellation`, {
      cookie: buyerCookie,
    });
    expect(asBuyer.status).toBe(403);
    const unknown = await call("POST", `/api/admin/schedules/${randomUUID()}/cancellation`, {
      body: {},
    });
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, "NOT_FOUND"]);
  });
});
