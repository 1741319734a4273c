import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHoldKey, scheduleKeys } from "@ticketping/common/seats";
import {
  createBuyers,
  seedPerformance,
  type SeededSchedule,
  type TestBuyer,
} from "./support/booking";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
let web: RunningWebServer;
let first: SeededSchedule;
let second: SeededSchedule;
let closed: SeededSchedule;
let buyers: TestBuyer[];

interface ApiBody {
  data?: {
    reservationId: string;
    seatIds: string[];
    amountMinor: number;
    currency: string;
    holdExpiresAt: string;
  };
  error?: { code: string; details?: { seatIds?: string[]; limit?: string } };
}

async function hold(
  buyer: TestBuyer,
  schedule: SeededSchedule,
  seatIds: string[],
): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(`${web.baseUrl}/api/schedules/${schedule.scheduleId}/holds`, {
    method: "POST",
    headers: {
      ...(await system.buyerHeaders(buyer, schedule.performanceId)),
      "content-type": "application/json",
    },
    body: JSON.stringify({ seatIds }),
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

const cachedOwner = (schedule: SeededSchedule, seatId: string) =>
  system.redis.hget(scheduleKeys(system.keyPrefix, schedule.scheduleId).status, seatId);

const buyer = (index: number) => buyers[index] as TestBuyer;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_holds" });
  [first, second] = (await seedPerformance(system.prisma, {
    rows: 2,
    columns: 10,
    schedules: 2,
  })) as [SeededSchedule, SeededSchedule];
  [closed] = (await seedPerformance(system.prisma, { rows: 1, columns: 5 })) as [SeededSchedule];
  buyers = await createBuyers(system.prisma, 10);
  web = await system.startWeb();
});

afterAll(async () => {
  await system.stop();
});

describe("POST /api/schedules/:id/holds", () => {
  it("holds seats in Redis with a TTL key and as a PENDING reservation priced from the grades", async () => {
    const vipSeat = first.seatIds[0] ?? "";
    const standardSeat = first.seatIds[15] ?? "";
    const before = Date.now();
    const { status, body } = await hold(buyer(0), first, [standardSeat, vipSeat]);
    expect(status).toBe(201);
    const created = body.data;
    if (!created) throw new Error("no hold");
    expect(created.amountMinor).toBe(18_000 + 7_000);
    expect(created.currency).toBe("EUR");
    expect(created.seatIds).toEqual([standardSeat, vipSeat].sort());
    const expiresAt = Date.parse(created.holdExpiresAt);
    expect(expiresAt - before).toBeGreaterThanOrEqual(299_000);
    expect(expiresAt - before).toBeLessThan(310_000);

    const reservation = await system.prisma.reservation.findUniqueOrThrow({
      where: { id: created.reservationId },
      include: { seats: true },
    });
    expect(reservation).toMatchObject({
      status: "PENDING",
      userId: buyer(0).id,
      amountMinor: 25_000,
    });
    expect(reservation.holdExpiresAt.getTime()).toBe(expiresAt);
    expect(reservation.seats.map((seat) => seat.priceMinor).sort((a, b) => a - b)).toEqual([
      7_000, 18_000,
    ]);

    const keys = scheduleKeys(system.keyPrefix, first.scheduleId);
    const holdKey = keys.hold(created.reservationId);
    expect(parseHoldKey(system.keyPrefix, holdKey)).toEqual({
      scheduleId: first.scheduleId,
      reservationId: created.reservationId,
    });
    const pttl = await system.redis.pttl(holdKey);
    expect(pttl).toBeGreaterThan(290_000);
    expect(pttl).toBeLessThanOrEqual(300_000);
    expect(await cachedOwner(first, vipSeat)).toBe(`H:${created.reservationId}`);
  });

  it("is all or nothing: one taken seat refuses the whole hold and names that seat", async () => {
    const taken = first.seatIds[0] ?? "";
    const free = first.seatIds[2] ?? "";
    const { status, body } = await hold(buyer(1), first, [taken, free]);
    expect(status).toBe(409);
    expect(body.error?.code).toBe("SEAT_UNAVAILABLE");
    expect(body.error?.details?.seatIds).toEqual([taken]);
    expect(await cachedOwner(first, free)).toBeNull();
    expect(await system.prisma.reservation.count({ where: { userId: buyer(1).id } })).toBe(0);
    expect((await hold(buyer(1), first, [free])).status).toBe(201);
  });

  it("limits the seats per reservation and the open holds per buyer and performance", async () => {
    const tooMany = await hold(buyer(2), first, first.seatIds.slice(3, 8));
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error).toMatchObject({
      code: "HOLD_LIMIT_REACHED",
      details: { limit: "seats-per-reservation" },
    });

    expect((await hold(buyer(2), first, [first.seatIds[3] ?? ""])).status).toBe(201);
    const again = await hold(buyer(2), first, [first.seatIds[4] ?? ""]);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "HOLD_LIMIT_REACHED",
      details: { limit: "open-holds" },
    });

    // Another show of the same performance: Redis cannot see it, PostgreSQL does.
    const otherShowSeat = second.seatIds[0] ?? "";
    const otherShow = await hold(buyer(2), second, [otherShowSeat]);
    expect(otherShow.status).toBe(409);
    expect(otherShow.body.error?.code).toBe("HOLD_LIMIT_REACHED");
    expect(await cachedOwner(second, otherShowSeat)).toBeNull();
  });

  it("refuses malformed requests with VALIDATION_FAILED", async () => {
    const cases: unknown[] = [
      { seatIds: [] },
      { seatIds: ["not-a-uuid"] },
      { seatIds: [first.seatIds[5], first.seatIds[5]] },
      { seatIds: [second.seatIds[5]] },
    ];
    for (const body of cases) {
      const response = await fetch(`${web.baseUrl}/api/schedules/${first.scheduleId}/holds`, {
        method: "POST",
        headers: {
          ...(await system.buyerHeaders(buyer(3), first.performanceId)),
          "content-type": "application/json",
        },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as ApiBody).error?.code).toBe("VALIDATION_FAILED");
    }
    expect(await cachedOwner(first, first.seatIds[5] ?? "")).toBeNull();
  });

  it("refuses a hold when the sale is closed, and undoes the Redis hold", async () => {
    await system.prisma.performance.update({
      where: { id: closed.performanceId },
      data: { saleStatus: "CLOSED" },
    });
    const seat = closed.seatIds[0] ?? "";
    const { status, body } = await hold(buyer(4), closed, [seat]);
    expect(status).toBe(409);
    expect(body.error?.code).toBe("SALE_CLOSED");
    expect(await cachedOwner(closed, seat)).toBeNull();
  });

  it("undoes the Redis hold when the database write fails", async () => {
    const failing = buyer(5);
    await system.prisma.$executeRawUnsafe(`
      CREATE FUNCTION test_refuse_reservation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.user_id = '${failing.id}' THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$`);
    await system.prisma.$executeRawUnsafe(`
      CREATE TRIGGER test_refuse_reservation BEFORE INSERT ON reservations
      FOR EACH ROW EXECUTE FUNCTION test_refuse_reservation()`);
    const seat = first.seatIds[9] ?? "";
    const { status, body } = await hold(failing, first, [seat]);
    expect(status).toBe(500);
    expect(body.error?.code).toBe("INTERNAL");
    expect(await cachedOwner(first, seat)).toBeNull();
    const leftovers = await system.redis.keys(
      `${scheduleKeys(system.keyPrefix, first.scheduleId).holdPrefix}*`,
    );
    const live = await system.prisma.reservation.findMany({
      where: { scheduleId: first.scheduleId, status: "PENDING" },
      select: { id: true },
    });
    expect(
      leftovers.map((key) => parseHoldKey(system.keyPrefix, key)?.reservationId).sort(),
    ).toEqual(live.map((reservation) => reservation.id).sort());
    // The seat is really free: another buyer gets it.
    expect((await hold(buyer(6), first, [seat])).status).toBe(201);
  });
  it("rebuilds a map dropped from Redis before holding, keeping the holds PostgreSQL has", async () => {
    const keys = scheduleKeys(system.keyPrefix, second.scheduleId);
    const warm = await hold(buyer(8), second, [second.seatIds[1] ?? ""]);
    expect(warm.status).toBe(201);
    await system.redis.del(keys.layout, keys.status);
    const taken = await hold(buyer(9), second, [second.seatIds[1] ?? ""]);
    expect(taken.status).toBe(409);
    expect(taken.body.error?.code).toBe("SEAT_UNAVAILABLE");
    await system.redis.del(keys.layout, keys.status);
    expect((await hold(buyer(9), second, [second.seatIds[2] ?? ""])).status).toBe(201);
  });

  it("holds after Redis lost its scripts (a restart), with the crowd's calls pipelined together", async () => {
    const [early, ...crowd] = await createBuyers(system.prisma, 5);
    const seats = second.seatIds.slice(10, 15);
    // The server has sent its scripts on this connection before Redis forgets them.
    expect((await hold(early as TestBuyer, second, [seats[0] ?? ""])).status).toBe(201);
    await system.redis.script("FLUSH");
    // Sent together so the server's Redis calls share pipelines, each answered NOSCRIPT.
    const answers = await Promise.all(
      crowd.map((each, index) => hold(each, second, [seats[index + 1] ?? ""])),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    for (const [index, answer] of answers.entries()) {
      expect(await cachedOwner(second, seats[index + 1] ?? "")).toBe(
        `H:${answer.body.data?.reservationId}`,
      );
    }
  });

  it("answers SEAT_UNAVAILABLE from PostgreSQL's constraint when Redis forgot a hold, and repairs the map", async () => {
    const seat = first.seatIds[17] ?? "";
    const { body } = await hold(buyer(3), first, [seat]);
    const owner = body.data?.reservationId ?? "";
    // The cache loses the seat (as after a partial Redis failure): Redis now says free.
    await system.redis.hdel(scheduleKeys(system.keyPrefix, first.scheduleId).status, seat);

    const late = await hold(buyer(4), first, [seat]);
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({
      code: "SEAT_UNAVAILABLE",
      details: { seatIds: [seat] },
    });
    // The late hold left nothing behind, and the rebuilt map shows the seat as held again.
    expect(await system.prisma.reservation.count({ where: { userId: buyer(4).id } })).toBe(0);
    const map = await fetch(`${web.baseUrl}/api/schedules/${first.scheduleId}/seat-map`, {
      headers: await system.buyerHeaders(buyer(4), first.performanceId),
    });
    const { data } = (await map.json()) as { data: { status: string } };
    expect(data.status[first.seatIds.indexOf(seat)]).toBe("H");
    expect(await cachedOwner(first, seat)).toBe(`H:${owner}`);
  });
});

describe("holds of a buyer", () => {
  it("shows the buyer's own open hold, lets only them release it, and frees the seats", async () => {
    const owner = buyer(7);
    const seat = first.seatIds[12] ?? "";
    const { body } = await hold(owner, first, [seat]);
    const reservationId = body.data?.reservationId ?? "";
    const ownerHeaders = await system.buyerHeaders(owner, first.performanceId);

    const open = await fetch(`${web.baseUrl}/api/schedules/${first.scheduleId}/holds`, {
      headers: { cookie: ownerHeaders.cookie },
    });
    expect(
      ((await open.json()) as { data: { hold: { reservationId: string } } }).data.hold
        .reservationId,
    ).toBe(reservationId);

    const stranger = await fetch(`${web.baseUrl}/api/holds/${reservationId}`, {
      method: "DELETE",
      headers: { cookie: await system.sessionCookie(buyer(0)) },
    });
    expect(stranger.status).toBe(404);
    expect(await cachedOwner(first, seat)).toBe(`H:${reservationId}`);

    const release = await fetch(`${web.baseUrl}/api/holds/${reservationId}`, {
      method: "DELETE",
      headers: { cookie: ownerHeaders.cookie },
    });
    expect(release.status).toBe(200);
    expect(await cachedOwner(first, seat)).toBeNull();
    expect(
      await system.redis.exists(
        scheduleKeys(system.keyPrefix, first.scheduleId).hold(reservationId),
      ),
    ).toBe(0);
    const reservation = await system.prisma.reservation.findUniqueOrThrow({
      where: { id: reservationId },
    });
    expect(reservation.status).toBe("CANCELLED");
    expect(reservation.statusReason).toBe("Released by the buyer.");
    const seatRow = await system.prisma.seat.findUniqueOrThrow({ where: { id: seat } });
    expect(seatRow.status).toBe("AVAILABLE");

    const twice = await fetch(`${web.baseUrl}/api/holds/${reservationId}`, {
      method: "DELETE",
      headers: { cookie: ownerHeaders.cookie },
    });
    expect(twice.status).toBe(409);
    const none = await fetch(`${web.baseUrl}/api/schedules/${first.scheduleId}/holds`, {
      headers: { cookie: ownerHeaders.cookie },
    });
    expect(((await none.json()) as { data: { hold: null } }).data.hold).toBeNull();
    // The released buyer may hold again.
    expect((await hold(owner, first, [seat])).status).toBe(201);
  });

  it("limits hold churn per buyer and performance: 429 with retryAfterSeconds, nobody else slowed", async () => {
    const [churner, neighbour] = (await createBuyers(system.prisma, 2)) as [TestBuyer, TestBuyer];
    const seat = first.seatIds[18] ?? "";
    const { cookie } = await system.buyerHeaders(churner, first.performanceId);
    for (let round = 0; round < 20; round++) {
      const held = await hold(churner, first, [seat]);
      expect(held.status).toBe(201);
      const release = await fetch(`${web.baseUrl}/api/holds/${held.body.data?.reservationId}`, {
        method: "DELETE",
        headers: { cookie },
      });
      expect(release.status).toBe(200);
    }
    const refused = await hold(churner, second, [second.seatIds[18] ?? ""]);
    expect(refused.status).toBe(429);
    const error = (refused.body as { error?: { code: string; details?: Record<string, number> } })
      .error;
    expect(error?.code).toBe("RATE_LIMITED");
    expect(error?.details?.retryAfterSeconds).toBeGreaterThan(0);
    expect(error?.details?.retryAfterSeconds).toBeLessThanOrEqual(600);
    expect(await cachedOwner(second, second.seatIds[18] ?? "")).toBeNull();

    // Another buyer of the same show, and the churner at another performance, hold at once.
    expect((await hold(neighbour, first, [seat])).status).toBe(201);
    const [elsewhere] = (await seedPerformance(system.prisma, { rows: 1, columns: 2 })) as [
      SeededSchedule,
    ];
    expect((await hold(churner, elsewhere, [elsewhere.seatIds[0] ?? ""])).status).toBe(201);
  });

  it("needs a session to read or release holds", async () => {
    expect((await fetch(`${web.baseUrl}/api/schedules/${first.scheduleId}/holds`)).status).toBe(
      401,
    );
    expect(
      (await fetch(`${web.baseUrl}/api/holds/${randomUUID()}`, { method: "DELETE" })).status,
    ).toBe(401);
  });
});
