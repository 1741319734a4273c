import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "../src/env";
import {
  holdSeats,
  invalidateSeatMap,
  markSeatsSold,
  parseHoldKey,
  readHoldSeats,
  readSeatMap,
  readSeatMapVersion,
  releaseSeats,
  scheduleKeys,
  storeSeatMap,
} from "../src/seats";
import { createRedis } from "../src/redis";

const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "holds-test" });

const usedSchedules: string[] = [];

afterAll(async () => {
  // Every key of a schedule carries its hash tag.
  for (const scheduleId of usedSchedules) {
    const keys = await redis.keys(`*{sch:${scheduleId}}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
});

function newSchedule(): string {
  const scheduleId = randomUUID();
  usedSchedules.push(scheduleId);
  return scheduleId;
}

async function cachedSchedule(): Promise<string> {
  const scheduleId = newSchedule();
  const stored = await storeSeatMap(redis, {
    scheduleId,
    expectedVersion: "",
    build: "b1",
    layoutJson: "{}",
    taken: [],
  });
  expect(stored).toBe("stored");
  return scheduleId;
}

const hold = (scheduleId: string, seatIds: string[], userId = randomUUID()) =>
  holdSeats(redis, {
    scheduleId,
    reservationId: randomUUID(),
    userId,
    seatIds,
    expiresAt: new Date(Date.now() + 60_000),
    maxOpenHolds: 1,
  });

describe("seat holds in Redis", () => {
  it("holds all seats or none, and names the seats that were taken", async () => {
    const scheduleId = await cachedSchedule();
    expect(await hold(scheduleId, ["a", "b"])).toEqual({ kind: "held" });
    expect(await hold(scheduleId, ["c", "b"])).toEqual({ kind: "unavailable", seatIds: ["b"] });
    expect(await hold(scheduleId, ["c"])).toEqual({ kind: "held" });
  });

  it("refuses a hold while the map is not cached, and a second open hold of one buyer", async () => {
    expect(await hold(newSchedule(), ["a"])).toEqual({ kind: "missing" });
    const scheduleId = await cachedSchedule();
    const buyer = randomUUID();
    expect(await hold(scheduleId, ["a"], buyer)).toEqual({ kind: "held" });
    expect(await hold(scheduleId, ["b"], buyer)).toEqual({ kind: "limit-reached" });
  });

  it("releases only the seats the reservation still owns, and frees the buyer's slot", async () => {
    const scheduleId = await cachedSchedule();
    const buyer = randomUUID();
    const reservationId = randomUUID();
    const options = {
      scheduleId,
      reservationId,
      userId: buyer,
      seatIds: ["a", "b"],
      expiresAt: new Date(Date.now() + 60_000),
      maxOpenHolds: 1,
    };
    expect(await holdSeats(redis, options)).toEqual({ kind: "held" });
    expect((await readHoldSeats(redis, { scheduleId, reservationId })).sort()).toEqual(["a", "b"]);
    // Someone else's stale release must not free these seats.
    expect(
      await releaseSeats(redis, { scheduleId, reservationId: randomUUID(), seatIds: ["a"] }),
    ).toEqual([]);
    expect((await releaseSeats(redis, { scheduleId, reservationId })).sort()).toEqual(["a", "b"]);
    expect(await redis.exists(scheduleKeys(scheduleId).hold(reservationId))).toBe(0);
    expect(await hold(scheduleId, ["a", "b"], buyer)).toEqual({ kind: "held" });
  });

  it("marks sold seats, bumps the version on every change and serves unchanged reads cheaply", async () => {
    const scheduleId = await cachedSchedule();
    const first = await readSeatMap(redis, { scheduleId });
    if (first.kind !== "map") throw new Error(`unexpected ${first.kind}`);
    expect(first.layoutJson).toBe("{}");
    expect(await readSeatMap(redis, { scheduleId, knownVersion: first.version })).toEqual({
      kind: "unchanged",
      version: first.version,
    });
    const reservationId = randomUUID();
    await markSeatsSold(redis, { scheduleId, reservationId, seatIds: ["s"] });
    const second = await readSeatMap(redis, {
      scheduleId,
      knownVersion: first.version,
      knownBuild: "b1",
    });
    if (second.kind !== "map") throw new Error(`unexpected ${second.kind}`);
    expect(second.layoutJson).toBeNull();
    expect(second.taken.get("s")).toBe(`S:${reservationId}`);
    expect(Number(second.version)).toBe(Number(first.version) + 1);
  });

  it("refuses to store a build that raced a change, so a stale read never lands", async () => {
    const scheduleId = await cachedSchedule();
    await invalidateSeatMap(redis, scheduleId);
    const before = await readSeatMapVersion(redis, scheduleId);
    await releaseSeats(redis, { scheduleId, reservationId: randomUUID(), seatIds: ["x"] });
    const store = (expectedVersion: string) =>
      storeSeatMap(redis, {
        scheduleId,
        expectedVersion,
        build: "b2",
        layoutJson: "{}",
        taken: [],
      });
    expect(await store(before)).toBe("stale");
    expect(await store(await readSeatMapVersion(redis, scheduleId))).toBe("stored");
    expect(await store(await readSeatMapVersion(redis, scheduleId))).toBe("exists");
  });

  it("names the schedule and reservation in a hold key, and nothing else", () => {
    const scheduleId = randomUUID();
    const reservationId = randomUUID();
    const keys = scheduleKeys(scheduleId);
    expect(parseHoldKey(keys.hold(reservationId))).toEqual({ scheduleId, reservationId });
    expect(parseHoldKey(keys.holdSeats(reservationId))).toBeNull();
    expect(parseHoldKey(keys.status)).toBeNull();
  });
});
