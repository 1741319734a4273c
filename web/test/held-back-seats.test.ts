import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { scheduleKeys } from "@ticketping/common/seats";
import type { TestBuyer } from "./support/booking";
import { setUpOrganizerTestBed, type ApiAnswer } from "./support/organizer-test-bed";

const bed = setUpOrganizerTestBed({ label: "held-back", rows: 2, columns: 20, buyers: 12 });

type SeatState = "FREE" | "HELD" | "SOLD" | "HELD_BACK";

interface ApiBody {
  data?: {
    seats?: { scheduleId: string; seats: { id: string; state: SeatState }[] };
    stats?: { seats: Record<string, number> };
    status?: string;
    reservationId?: string;
  };
  error?: { code: string; details?: { seatIds?: string[]; issues?: { path: string }[] } };
}

const call = (
  method: string,
  path: string,
  options?: Parameters<typeof bed.call>[2],
): Promise<ApiAnswer<ApiBody>> => bed.call<ApiBody>(method, path, options);

const seat = (index: number) => bed.show.seatIds[index] ?? "";
const buyer = (index: number) => bed.buyers[index] as TestBuyer;
const changePath = () => `/api/admin/schedules/${bed.show.scheduleId}/held-back-seats`;

const holdBack = (seatIds: string[], heldBack = true) =>
  call("POST", changePath(), { body: { seatIds, heldBack } });

async function buyerHold(who: TestBuyer, seatIds: string[]) {
  const headers = await bed.system.buyerHeaders(who, bed.show.performanceId);
  return call("POST", `/api/schedules/${bed.show.scheduleId}/holds`, {
    cookie: null,
    headers,
    body: { seatIds },
  });
}

/** The buyer's seat map letter of one seat: A available, H held, S sold (or held back). */
async function seatMapLetter(who: TestBuyer, index: number): Promise<string> {
  const response = await fetch(`${bed.web.baseUrl}/api/schedules/${bed.show.scheduleId}/seat-map`, {
    headers: await bed.system.buyerHeaders(who, bed.show.performanceId),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data: { status: string } };
  return body.data.status[index] ?? "";
}

const stateOf = (body: ApiBody, seatId: string) =>
  body.data?.seats?.seats.find((row) => row.id === seatId)?.state;

describe("/api/admin/schedules/:id/held-back-seats", () => {
  it("is for organizers only", async () => {
    for (const method of ["GET", "POST"]) {
      const body = method === "POST" ? { seatIds: [seat(0)], heldBack: true } : undefined;
      const anonymous = await call(method, changePath(), { cookie: null, body });
      expect([method, anonymous.status, anonymous.body.error?.code]).toEqual([
        method,
        401,
        "UNAUTHENTICATED",
      ]);
      const asBuyer = await call(method, changePath(), { cookie: bed.buyerCookie, body });
      expect([method, asBuyer.status, asBuyer.body.error?.code]).toEqual([
        method,
        403,
        "FORBIDDEN",
      ]);
    }
    expect(
      await bed.system.prisma.seat.count({ where: { id: seat(0), heldBackAt: { not: null } } }),
    ).toBe(0);
  });

  it("validates its input and names an unknown show", async () => {
    const invalid = [
      {},
      { seatIds: [], heldBack: true },
      { seatIds: ["not-a-uuid"], heldBack: true },
      { seatIds: [seat(0)] },
      { seatIds: [seat(0)], heldBack: "yes" },
      { seatIds: [seat(0)], heldBack: true, extra: 1 },
    ];
    for (const body of invalid) {
      const answer = await call("POST", changePath(), { body });
      expect([JSON.stringify(body), answer.status, answer.body.error?.code]).toEqual([
        JSON.stringify(body),
        400,
        "VALIDATION_FAILED",
      ]);
    }
    // A seat of no show, or of another one: nothing changes.
    const foreign = await holdBack([seat(0), randomUUID()]);
    expect([foreign.status, foreign.body.error?.details?.issues?.[0]?.path]).toEqual([
      400,
      "seatIds",
    ]);
    const unknownShow = await call("POST", `/api/admin/schedules/${randomUUID()}/held-back-seats`, {
      body: { seatIds: [seat(0)], heldBack: true },
    });
    expect([unknownShow.status, unknownShow.body.error?.code]).toEqual([404, "NOT_FOUND"]);
    const unknownGet = await call("GET", `/api/admin/schedules/${randomUUID()}/held-back-seats`);
    expect(unknownGet.status).toBe(404);
    expect(await bed.system.prisma.seat.count({ where: { heldBackAt: { not: null } } })).toBe(0);
  });

  it("takes a free seat off sale until it is released: never free to buyers, not holdable, not counted", async () => {
    const target = 1;
    // The buyer's seat map is cached before the change, so the change must update it.
    expect(await seatMapLetter(buyer(0), target)).toBe("A");

    const held = await holdBack([seat(target)]);
    expect(held.status).toBe(200);
    expect(stateOf(held.body, seat(target))).toBe("HELD_BACK");
    expect(stateOf(held.body, seat(target + 1))).toBe("FREE");
    const again = await holdBack([seat(target)]);
    expect([again.status, stateOf(again.body, seat(target))]).toEqual([200, "HELD_BACK"]);

    expect(await seatMapLetter(buyer(0), target)).toBe("S");
    const refused = await buyerHold(buyer(0), [seat(target)]);
    expect([refused.status, refused.body.error?.code]).toEqual([409, "SEAT_UNAVAILABLE"]);

    const stats = await call("GET", `/api/admin/performances/${bed.show.performanceId}/stats`);
    expect(stats.body.data?.stats?.seats).toMatchObject({
      total: 40,
      available: 39,
      heldBack: 1,
    });
    const listed = await call("GET", changePath());
    expect(stateOf(listed.body, seat(target))).toBe("HELD_BACK");

    const released = await holdBack([seat(target)], false);
    expect([released.status, stateOf(released.body, seat(target))]).toEqual([200, "FREE"]);
    expect(await seatMapLetter(buyer(0), target)).toBe("A");
    expect((await buyerHold(buyer(0), [seat(target)])).status).toBe(201);
  });

  it("refuses to hold back a seat a buyer holds, all or nothing", async () => {
    expect((await buyerHold(buyer(1), [seat(2)])).status).toBe(201);
    const refused = await holdBack([seat(2), seat(3)]);
    expect([
      refused.status,
      refused.body.error?.code,
      refused.body.error?.details?.seatIds,
    ]).toEqual([409, "SEAT_UNAVAILABLE", [seat(2)]]);
    expect(
      await bed.system.prisma.seat.count({
        where: { id: { in: [seat(2), seat(3)] }, heldBackAt: { not: null } },
      }),
    ).toBe(0);
  });

  it("is refused by the database when the seat map cache is behind", async () => {
    const target = 4;
    expect(await seatMapLetter(buyer(2), target)).toBe("A");
    // Held back behind the cache's back: Redis still calls the seat free.
    await bed.system.prisma.seat.update({
      where: { id: seat(target) },
      data: { heldBackAt: new Date() },
    });
    const refused = await buyerHold(buyer(2), [seat(target)]);
    expect([
      refused.status,
      refused.body.error?.code,
      refused.body.error?.details?.seatIds,
    ]).toEqual([409, "SEAT_UNAVAILABLE", [seat(target)]]);
    expect(
      await bed.system.prisma.reservationSeat.count({
        where: { seatId: seat(target), active: true },
      }),
    ).toBe(0);
    // The refusal rebuilt the map from the database: the seat is no longer free there.
    const cached = await bed.system.redis.hget(
      scheduleKeys(bed.system.keyPrefix, bed.show.scheduleId).status,
      seat(target),
    );
    expect(cached ?? (await seatMapLetter(buyer(2), target))).not.toBe("A");
    expect(await seatMapLetter(buyer(2), target)).toBe("S");
  });

  it("lets exactly one of a buyer's hold and the organizer's hold-back racing for a seat win", async () => {
    // Seats of the second row, one race each, each buyer racing once.
    for (let round = 0; round < 6; round++) {
      const target = seat(20 + round);
      const [hold, back] = await Promise.all([
        buyerHold(buyer(3 + round), [target]),
        holdBack([target]),
      ]);
      const holdWon = hold.status === 201;
      const backWon = back.status === 200;
      expect([round, holdWon, backWon]).toEqual([round, !backWon, !holdWon]);
      if (!holdWon) expect(hold.body.error?.code).toBe("SEAT_UNAVAILABLE");
      if (!backWon) expect(back.body.error?.code).toBe("SEAT_UNAVAILABLE");
      const row = await bed.system.prisma.seat.findUniqueOrThrow({
        where: { id: target },
        select: { heldBackAt: true, holds: { where: { active: true }, select: { seatId: true } } },
      });
      expect([row.heldBackAt !== null, row.holds.length]).toEqual(backWon ? [true, 0] : [false, 1]);
    }
  });
});
