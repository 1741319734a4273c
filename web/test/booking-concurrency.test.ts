import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHoldKey, scheduleKeys, seatOwnerValue } from "@ticketping/common/seats";
import { createBuyers, seedPerformance, type SeededSchedule } from "./support/booking";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

const BUYERS = 400;
const ATTEMPTS_PER_BUYER = 5;

let system: WebTestSystem;
let web: RunningWebServer;
let schedule: SeededSchedule;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_hold_race" });
  [schedule] = (await seedPerformance(system.prisma, { rows: 5, columns: 10 })) as [SeededSchedule];
  web = await system.startWeb();
});

afterAll(async () => {
  await system.stop();
});

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("hold race over real HTTP", () => {
  it("2,000 concurrent attempts from 400 buyers on 50 seats: each seat held at most once, Redis and PostgreSQL agree", async () => {
    const buyers = await createBuyers(system.prisma, BUYERS);
    const headers = await Promise.all(
      buyers.map(async (buyer) => ({
        ...(await system.buyerHeaders(buyer, schedule.performanceId)),
        "content-type": "application/json",
      })),
    );
    // Warm the cache (and the server's code paths) once, outside the race.
    const warm = await fetch(`${web.baseUrl}/api/schedules/${schedule.scheduleId}/seat-map`, {
      headers: headers[0],
    });
    expect(warm.status).toBe(200);

    const next = random(42);
    const attempts = headers.flatMap((buyerHeaders) =>
      Array.from({ length: ATTEMPTS_PER_BUYER }, () => {
        // One to three seats, so all-or-nothing holds of overlapping sets race too.
        const count = 1 + Math.floor(next() * 3);
        const seatIds = new Set<string>();
        while (seatIds.size < count) {
          seatIds.add(schedule.seatIds[Math.floor(next() * schedule.seatIds.length)] ?? "");
        }
        return { headers: buyerHeaders, seatIds: [...seatIds] };
      }),
    );
    expect(attempts).toHaveLength(2_000);

    const startedAt = performance.now();
    const results = await Promise.all(
      attempts.map(async ({ headers: attemptHeaders, seatIds }) => {
        const response = await fetch(`${web.baseUrl}/api/schedules/${schedule.scheduleId}/holds`, {
          method: "POST",
          headers: attemptHeaders,
          body: JSON.stringify({ seatIds }),
        });
        const body = (await response.json()) as {
          data?: { reservationId: string; seatIds: string[] };
          error?: { code: string };
        };
        return { status: response.status, body, seatIds };
      }),
    );
    const elapsedMs = performance.now() - startedAt;

    const byStatus = new Map<string, number>();
    for (const { status, body } of results) {
      const key = `${status} ${body.error?.code ?? "HELD"}`;
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
    }
    console.info(
      `2,000 hold attempts in ${Math.round(elapsedMs)} ms:`,
      Object.fromEntries(byStatus),
    );
    // Every answer is a hold or a clean refusal: nothing failed.
    for (const key of byStatus.keys()) {
      expect(["201 HELD", "409 SEAT_UNAVAILABLE", "409 HOLD_LIMIT_REACHED"]).toContain(key);
    }

    // Each seat went to at most one successful hold, and each hold got what it asked for.
    const held = results.filter((result) => result.status === 201);
    expect(held.length).toBeGreaterThan(0);
    const heldSeats = held.flatMap((result) => result.body.data?.seatIds ?? []);
    expect(new Set(heldSeats).size).toBe(heldSeats.length);
    for (const result of held) {
      expect(result.body.data?.seatIds).toEqual([...result.seatIds].sort());
    }

    // PostgreSQL: exactly the successful holds are PENDING, one per buyer at most.
    const pending = await system.prisma.reservation.findMany({
      where: { scheduleId: schedule.scheduleId, status: "PENDING" },
      include: { seats: true },
    });
    expect(pending.map((r) => r.id).sort()).toEqual(
      held.map((result) => result.body.data?.reservationId).sort(),
    );
    expect(new Set(pending.map((r) => r.userId)).size).toBe(pending.length);
    const databaseOwner = new Map(
      pending.flatMap((r) => r.seats.map((seat) => [seat.seatId, r.id] as const)),
    );
    expect(databaseOwner.size).toBe(heldSeats.length);
    const heldInDatabase = await system.prisma.seat.count({
      where: { scheduleId: schedule.scheduleId, status: "HELD" },
    });
    expect(heldInDatabase).toBe(heldSeats.length);

    // Redis: the same owner for every seat, and one live hold key per PENDING reservation.
    const keys = scheduleKeys(system.keyPrefix, schedule.scheduleId);
    const cached = await system.redis.hgetall(keys.status);
    const heldByDatabaseOwner = Object.fromEntries(
      [...databaseOwner].map(([seatId, reservationId]) => [
        seatId,
        seatOwnerValue({ status: "HELD", reservationId }),
      ]),
    );
    expect(cached).toEqual(heldByDatabaseOwner);
    const holdKeys = await system.redis.keys(`${keys.holdPrefix}*`);
    expect(
      holdKeys.map((key) => parseHoldKey(system.keyPrefix, key)?.reservationId).sort(),
    ).toEqual(pending.map((r) => r.id).sort());
  });
});
