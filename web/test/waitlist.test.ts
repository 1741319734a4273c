import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  holdSeats,
  readSeatMapVersion,
  scheduleKeys,
  storeSeatMap,
} from "@ticketping/common/seats";
import { seedReservation } from "@ticketping/db/testing";
import { seedPerformance } from "./support/catalog-fixtures";
import { signedInUsers } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

const HOLD_TTL_SECONDS = 300;

let system: WebTestSystem;
let web: RunningWebServer;
let adminCookie: string;
let firstCookie: string;
let firstId: string;
let secondCookie: string;
let secondId: string;
/** The performance's page. */
let slug: string;
/** Every seat sold. */
let soldOut: string;
/** Seats free. */
let onSale: string;
/** Free seats to make offers of. */
let offerShow: string;
let offerSeats: string[];

interface ApiBody {
  data?: Record<string, unknown> & {
    waitlist?: Record<string, unknown> & { entry?: Record<string, unknown> | null };
    offer?: Record<string, unknown>;
  };
  error?: { code: string; details?: Record<string, unknown> };
}

async function call(
  method: string,
  path: string,
  { cookie, body }: { cookie?: string; body?: unknown } = {},
): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(`${web.baseUrl}${path}`, {
    method,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

const errorOf = (answer: { status: number; body: ApiBody }) => [
  answer.status,
  answer.body.error?.code,
  answer.body.error?.details?.reason,
];

/**
 * A waitlist offer of `seatIds` to `userId`, as the worker makes it: the seats held in
 * Redis, then a PENDING reservation of the entry's, the entry OFFERED.
 */
async function offer(userId: string, seatIds: string[], lapseInMs = 120_000) {
  const entry = await system.prisma.waitlistEntry.upsert({
    where: { scheduleId_userId: { scheduleId: offerShow, userId } },
    create: { scheduleId: offerShow, userId, quantity: seatIds.length, status: "OFFERED" },
    update: { quantity: seatIds.length, status: "OFFERED" },
  });
  const reservationId = randomUUID();
  const holdExpiresAt = new Date(Date.now() + lapseInMs);
  const held = await holdSeats(system.redis, {
    keyPrefix: system.keyPrefix,
    scheduleId: offerShow,
    reservationId,
    userId,
    seatIds,
    expiresAt: holdExpiresAt,
    maxOpenHolds: 5,
  });
  expect(held.kind).toBe("held");
  await system.prisma.reservation.create({
    data: {
      id: reservationId,
      userId,
      scheduleId: offerShow,
      amountMinor: 5_000 * seatIds.length,
      currency: "EUR",
      holdExpiresAt,
      waitlistEntryId: entry.id,
      seats: { create: seatIds.map((seatId) => ({ seatId, priceMinor: 5_000 })) },
    },
  });
  return { reservationId, entryId: entry.id, holdExpiresAt };
}

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_waitlist" });
  web = await system.startWeb({ env: { HOLD_TTL_SECONDS: String(HOLD_TTL_SECONDS) } });
  const [admin, first, second, owner] = await signedInUsers(system.prisma, web.baseUrl, [
    { label: "waitlist-organizer", role: "ADMIN" },
    { label: "waitlist-first" },
    { label: "waitlist-second" },
    { label: "waitlist-owner" },
  ]);
  [adminCookie, firstCookie, firstId, secondCookie, secondId] = [
    admin.cookie,
    first.cookie,
    first.id,
    second.cookie,
    second.id,
  ];
  const performance = await seedPerformance(system.prisma, {
    name: "Waitlist Night",
    opensInHours: -1,
    showsInHours: [48, 72, 96],
    rows: 1,
    columns: 4,
  });
  const [sold, free, offered] = performance.scheduleIds;
  const [soldSeats, , freeSeats] = performance.seatIds;
  if (!sold || !free || !offered || !soldSeats || !freeSeats) {
    throw new Error("fixture incomplete");
  }
  [soldOut, onSale, offerShow, offerSeats] = [sold, free, offered, freeSeats];
  slug = performance.slug;
  await seedReservation(system.prisma, {
    userId: owner.id,
    scheduleId: soldOut,
    seatIds: soldSeats,
    status: "CONFIRMED",
  });
  const cache = { keyPrefix: system.keyPrefix, scheduleId: offerShow };
  await storeSeatMap(system.redis, {
    ...cache,
    expectedVersion: await readSeatMapVersion(system.redis, cache),
    build: randomUUID(),
    layoutJson: "{}",
    taken: [],
  });
});

afterAll(async () => {
  await system.stop();
});

describe("a show's waitlist (buyers)", () => {
  it("is for signed-in buyers only", async () => {
    const path = `/api/schedules/${soldOut}/waitlist`;
    for (const method of ["GET", "POST", "DELETE"]) {
      const answer = await call(method, path, method === "POST" ? { body: { quantity: 1 } } : {});
      expect(errorOf(answer)).toEqual([401, "UNAUTHENTICATED", undefined]);
    }
    expect(await system.prisma.waitlistEntry.count({ where: { scheduleId: soldOut } })).toBe(0);
  });

  it("refuses bad input without writing", async () => {
    const path = `/api/schedules/${soldOut}/waitlist`;
    for (const body of [
      { quantity: 0 },
      { quantity: 5 },
      { quantity: "2" },
      {},
      { quantity: 1, x: 1 },
    ]) {
      const answer = await call("POST", path, { cookie: firstCookie, body });
      expect(errorOf(answer)).toEqual([400, "VALIDATION_FAILED", undefined]);
    }
    const badId = await call("POST", "/api/schedules/not-a-uuid/waitlist", {
      cookie: firstCookie,
      body: { quantity: 1 },
    });
    // A malformed id names no show.
    expect(badId.status).toBe(404);
    const unknown = await call("POST", `/api/schedules/${randomUUID()}/waitlist`, {
      cookie: firstCookie,
      body: { quantity: 1 },
    });
    expect(errorOf(unknown)).toEqual([404, "NOT_FOUND", undefined]);
    expect(await system.prisma.waitlistEntry.count({ where: { scheduleId: soldOut } })).toBe(0);
  });

  it("is only for a sold-out show", async () => {
    const answer = await call("POST", `/api/schedules/${onSale}/waitlist`, {
      cookie: firstCookie,
      body: { quantity: 2 },
    });
    expect(errorOf(answer)).toEqual([409, "CONFLICT", "NOT_SOLD_OUT"]);
  });

  it("opens with the general sale: during a presale an offer would let buyers past its codes", async () => {
    const { performanceId } = await system.prisma.schedule.findUniqueOrThrow({
      where: { id: soldOut },
      select: { performanceId: true },
    });
    const generalSaleOpensAt = new Date(Date.now() + 600_000);
    await system.prisma.performance.update({
      where: { id: performanceId },
      data: { generalSaleOpensAt },
    });
    try {
      const answer = await call("POST", `/api/schedules/${soldOut}/waitlist`, {
        cookie: firstCookie,
        body: { quantity: 1 },
      });
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({
        error: {
          code: "PRESALE_CODE_REQUIRED",
          details: { generalSaleOpensAt: generalSaleOpensAt.toISOString() },
        },
      });
      expect(await system.prisma.waitlistEntry.count({ where: { scheduleId: soldOut } })).toBe(0);
    } finally {
      await system.prisma.performance.update({
        where: { id: performanceId },
        data: { generalSaleOpensAt: null },
      });
    }
  });

  it("opens with the sale: a show sold out before its opening takes no entry", async () => {
    const { performanceId } = await system.prisma.schedule.findUniqueOrThrow({
      where: { id: soldOut },
      select: { performanceId: true },
    });
    const { bookingOpensAt } = await system.prisma.performance.findUniqueOrThrow({
      where: { id: performanceId },
    });
    await system.prisma.performance.update({
      where: { id: performanceId },
      data: { bookingOpensAt: new Date(Date.now() + 600_000) },
    });
    try {
      const answer = await call("POST", `/api/schedules/${soldOut}/waitlist`, {
        cookie: firstCookie,
        body: { quantity: 1 },
      });
      expect(errorOf(answer)).toEqual([409, "SALE_CLOSED", "NOT_OPEN_YET"]);
      expect(await system.prisma.waitlistEntry.count({ where: { scheduleId: soldOut } })).toBe(0);
    } finally {
      await system.prisma.performance.update({
        where: { id: performanceId },
        data: { bookingOpensAt },
      });
    }
  });

  it("lines buyers up once each, lets them leave, and sends a returning buyer to the back", async () => {
    const path = `/api/schedules/${soldOut}/waitlist`;
    const joined = await call("POST", path, { cookie: firstCookie, body: { quantity: 2 } });
    expect(joined.status).toBe(201);
    expect(joined.body.data?.waitlist).toMatchObject({
      scheduleId: soldOut,
      closed: false,
      soldOut: true,
      waiting: 1,
      entry: { quantity: 2, status: "WAITING", position: 1, offerReservationId: null },
    });
    const again = await call("POST", path, { cookie: firstCookie, body: { quantity: 1 } });
    expect(errorOf(again)).toEqual([409, "CONFLICT", "ALREADY_JOINED"]);
    const second = await call("POST", path, { cookie: secondCookie, body: { quantity: 1 } });
    expect(second.body.data?.waitlist?.entry).toMatchObject({ position: 2 });

    const left = await call("DELETE", path, { cookie: firstCookie });
    expect(left.body.data?.waitlist).toMatchObject({
      waiting: 1,
      entry: { status: "LEFT", position: null },
    });
    expect(errorOf(await call("DELETE", path, { cookie: firstCookie }))).toEqual([
      404,
      "NOT_FOUND",
      undefined,
    ]);
    const back = await call("POST", path, { cookie: firstCookie, body: { quantity: 1 } });
    expect(back.body.data?.waitlist?.entry).toMatchObject({ status: "WAITING", position: 2 });
    const mine = await call("GET", path, { cookie: secondCookie });
    expect(mine.body.data?.waitlist).toMatchObject({ waiting: 2, entry: { position: 1 } });
    expect(await system.prisma.waitlistEntry.count({ where: { scheduleId: soldOut } })).toBe(2);
  });

  it("shows a buyer who joined as joined when the page is loaded again, with a way to leave", async () => {
    // The buyers of the test above wait: second first, for one seat.
    const page = async (cookie?: string) => {
      const response = await fetch(`${web.baseUrl}/performances/${slug}`, {
        headers: cookie ? { cookie } : {},
      });
      expect(response.status).toBe(200);
      return response.text();
    };
    const mine = await page(secondCookie);
    const joined = /data-testid="waitlist-joined"[^>]*>([\s\S]*?)<\/div>/.exec(mine)?.[1] ?? "";
    expect(joined).toContain("On the waitlist for 1 seat: number 1 in line.");
    expect(joined).toMatch(/<button[^>]*>Leave the waitlist<\/button>/);
    // Nobody signed in, or somebody not on it, is offered to join.
    for (const html of [await page(), await page(adminCookie)]) {
      expect(html).not.toContain('data-testid="waitlist-joined"');
      expect(html).toContain("Join waitlist");
    }
  });
});

describe("waitlist offers", () => {
  it("are their buyer's alone: anyone else reads, takes or declines none", async () => {
    const { reservationId } = await offer(firstId, [offerSeats[0] ?? ""]);
    for (const [method, suffix] of [
      ["GET", ""],
      ["POST", "/accept"],
      ["POST", "/decline"],
    ] as const) {
      const path = `/api/waitlist/offers/${reservationId}${suffix}`;
      expect(errorOf(await call(method, path))).toEqual([401, "UNAUTHENTICATED", undefined]);
      expect(errorOf(await call(method, path, { cookie: secondCookie }))).toEqual([
        404,
        "NOT_FOUND",
        undefined,
      ]);
    }
    const reservation = await system.prisma.reservation.findUniqueOrThrow({
      where: { id: reservationId },
    });
    expect([reservation.status, reservation.offerAcceptedAt]).toEqual(["PENDING", null]);

    // Its buyer declines: the seat is free again in PostgreSQL and in the cache.
    const declined = await call("POST", `/api/waitlist/offers/${reservationId}/decline`, {
      cookie: firstCookie,
    });
    expect(declined.status).toBe(200);
    const keys = scheduleKeys(system.keyPrefix, offerShow);
    expect(await system.redis.hget(keys.status, offerSeats[0] ?? "")).toBeNull();
    const seat = await system.prisma.seat.findUniqueOrThrow({ where: { id: offerSeats[0] ?? "" } });
    expect(seat.status).toBe("AVAILABLE");
  });

  it("lets its buyer hold the seats without the line, then pay as usual", async () => {
    const seatIds = [offerSeats[1] ?? "", offerSeats[2] ?? ""];
    const { reservationId, entryId, holdExpiresAt } = await offer(secondId, seatIds, 20_000);
    const shown = await call("GET", `/api/waitlist/offers/${reservationId}`, {
      cookie: secondCookie,
    });
    expect(shown.body.data?.offer).toMatchObject({
      reservationId,
      scheduleId: offerShow,
      accepted: false,
      status: "PENDING",
      expiresAt: holdExpiresAt.toISOString(),
    });

    const before = Date.now();
    const accepted = await call("POST", `/api/waitlist/offers/${reservationId}/accept`, {
      cookie: secondCookie,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data?.offer).toMatchObject({ accepted: true, status: "PENDING" });
    const until = Date.parse(String(accepted.body.data?.offer?.expiresAt));
    expect(until).toBeGreaterThanOrEqual(before + HOLD_TTL_SECONDS * 1000 - 1_000);
    expect(until).toBeLessThanOrEqual(Date.now() + HOLD_TTL_SECONDS * 1000 + 1_000);
    const entry = await system.prisma.waitlistEntry.findUniqueOrThrow({ where: { id: entryId } });
    expect(entry.status).toBe("ACCEPTED");
    // The Redis hold lives as long: it does not lapse at the offer's old end.
    const keys = scheduleKeys(system.keyPrefix, offerShow);
    expect(await system.redis.pttl(keys.hold(reservationId))).toBeGreaterThan(60_000);
    expect(await system.redis.hget(keys.status, seatIds[0] ?? "")).toBe(`H:${reservationId}`);

    const twice = await call("POST", `/api/waitlist/offers/${reservationId}/accept`, {
      cookie: secondCookie,
    });
    expect(errorOf(twice)).toEqual([409, "CONFLICT", "OFFER_ENDED"]);

    // Checkout takes the hold as any other, with no working token.
    const checkout = await call("POST", `/api/reservations/${reservationId}/checkout`, {
      cookie: secondCookie,
    });
    expect(checkout.status).toBe(200);
  });

  it("cannot be taken once lapsed", async () => {
    const seatId = offerSeats[3] ?? "";
    const { reservationId } = await offer(firstId, [seatId], 1_000);
    await system.prisma.reservation.update({
      where: { id: reservationId },
      data: { holdExpiresAt: new Date(Date.now() - 1_000) },
    });
    const late = await call("POST", `/api/waitlist/offers/${reservationId}/accept`, {
      cookie: firstCookie,
    });
    expect(errorOf(late)).toEqual([409, "CONFLICT", "OFFER_ENDED"]);
  });
});

describe("the organizer's waitlist", () => {
  it("is for organizers only", async () => {
    for (const [method, path] of [
      ["GET", `/api/admin/schedules/${soldOut}/waitlist`],
      ["POST", `/api/admin/schedules/${soldOut}/waitlist/close`],
    ] as const) {
      expect(errorOf(await call(method, path))).toEqual([401, "UNAUTHENTICATED", undefined]);
      expect(errorOf(await call(method, path, { cookie: firstCookie }))).toEqual([
        403,
        "FORBIDDEN",
        undefined,
      ]);
    }
    const show = await system.prisma.schedule.findUniqueOrThrow({ where: { id: soldOut } });
    expect(show.waitlistClosedAt).toBeNull();
  });

  it("shows its length and closes it: nobody joins, the waiting entries end", async () => {
    const length = await call("GET", `/api/admin/schedules/${soldOut}/waitlist`, {
      cookie: adminCookie,
    });
    expect(length.body.data?.waitlist).toMatchObject({
      scheduleId: soldOut,
      waiting: 2,
      closedAt: null,
    });
    const closed = await call("POST", `/api/admin/schedules/${soldOut}/waitlist/close`, {
      cookie: adminCookie,
    });
    expect(closed.status).toBe(200);
    expect(closed.body.data?.waitlist).toMatchObject({ waiting: 0 });
    expect(closed.body.data?.waitlist?.closedAt).toEqual(expect.any(String));
    await system.prisma.waitlistEntry.deleteMany({
      where: { scheduleId: soldOut, userId: firstId },
    });
    const join = await call("POST", `/api/schedules/${soldOut}/waitlist`, {
      cookie: firstCookie,
      body: { quantity: 1 },
    });
    expect(errorOf(join)).toEqual([409, "SALE_CLOSED", "WAITLIST_CLOSED"]);
    const unknown = await call("POST", `/api/admin/schedules/${randomUUID()}/waitlist/close`, {
      cookie: adminCookie,
    });
    expect(errorOf(unknown)).toEqual([404, "NOT_FOUND", undefined]);
  });
});
