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
  seatEnvFields,
  storeSeatMap,
} from "../src/seats";
import { createRedis } from "../src/redis";
import { deleteKeysMatching } from "../src/testing/delete-keys";

const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "holds-test" });

// This file's own namespace (SEAT_KEY_PREFIX), as tests running beside it have theirs.
const keyPrefix = `holds-test-${randomUUID()}:`;

afterAll(async () => {
  // Every key of this file starts with its prefix (on a cluster: on every master).
  await deleteKeysMatching(redis, [`${keyPrefix}*`]);
  await redis.quit();
});

function newSchedule(): string {
  const scheduleId = randomUUID();
  return scheduleId;
}

async function cachedSchedule(): Promise<string> {
  const scheduleId = newSchedule();
  const stored = await storeSeatMap(redis, {
    keyPrefix,
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
    keyPrefix,
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
      keyPrefix,
      scheduleId,
      reservationId,
      userId: buyer,
      seatIds: ["a", "b"],
      expiresAt: new Date(Date.now() + 60_000),
      maxOpenHolds: 1,
    };
    expect(await holdSeats(redis, options)).toEqual({ kind: "held" });
    expect((await readHoldSeats(redis, { keyPrefix, scheduleId, reservationId })).sort()).toEqual([
      "a",
      "b",
    ]);
    // Someone else's stale release must not free these seats.
    expect(
      await releaseSeats(redis, {
        keyPrefix,
        scheduleId,
        reservationId: randomUUID(),
        seatIds: ["a"],
      }),
    ).toEqual([]);
    expect((await releaseSeats(redis, { keyPrefix, scheduleId, reservationId })).sort()).toEqual([
      "a",
      "b",
    ]);
    expect(await redis.exists(scheduleKeys(keyPrefix, scheduleId).hold(reservationId))).toBe(0);
    expect(await hold(scheduleId, ["a", "b"], buyer)).toEqual({ kind: "held" });
  });

  it("marks sold seats, bumps the version on every change and serves unchanged reads cheaply", async () => {
    const scheduleId = await cachedSchedule();
    const first = await readSeatMap(redis, { keyPrefix, scheduleId });
    if (first.kind !== "map") throw new Error(`unexpected ${first.kind}`);
    expect(first.layoutJson).toBe("{}");
    expect(
      await readSeatMap(redis, { keyPrefix, scheduleId, knownVersion: first.version }),
    ).toEqual({
      kind: "unchanged",
      version: first.version,
    });
    const reservationId = randomUUID();
    await markSeatsSold(redis, { keyPrefix, scheduleId, reservationId, seatIds: ["s"] });
    const second = await readSeatMap(redis, {
      keyPrefix,
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
    await invalidateSeatMap(redis, { keyPrefix, scheduleId });
    const before = await readSeatMapVersion(redis, { keyPrefix, scheduleId });
    await releaseSeats(redis, {
      keyPrefix,
      scheduleId,
      reservationId: randomUUID(),
      seatIds: ["x"],
    });
    const store = (expectedVersion: string) =>
      storeSeatMap(redis, {
        keyPrefix,
        scheduleId,
        expectedVersion,
        build: "b2",
        layoutJson: "{}",
        taken: [],
      });
    expect(await store(before)).toBe("stale");
    expect(await store(await readSeatMapVersion(redis, { keyPrefix, scheduleId }))).toBe("stored");
    expect(await store(await readSeatMapVersion(redis, { keyPrefix, scheduleId }))).toBe("exists");
  });

  it("names the schedule and reservation in a hold key, and nothing else", () => {
    const scheduleId = randomUUID();
    const reservationId = randomUUID();
    const keys = scheduleKeys(keyPrefix, scheduleId);
    expect(parseHoldKey(keyPrefix, keys.hold(reservationId))).toEqual({
      scheduleId,
      reservationId,
    });
    expect(parseHoldKey(keyPrefix, keys.holdSeats(reservationId))).toBeNull();
    expect(parseHoldKey(keyPrefix, keys.status)).toBeNull();
    // Another namespace's holds are not this one's.
    expect(parseHoldKey("", keys.hold(reservationId))).toBeNull();
    expect(parseHoldKey("other:", keys.hold(reservationId))).toBeNull();
  });

  it("keeps the unprefixed layout by default, so existing deployments find their keys", () => {
    const scheduleId = randomUUID();
    const reservationId = randomUUID();
    const keys = scheduleKeys(seatEnvFields.keyPrefix.parse(undefined), scheduleId);
    expect(keys.hold(reservationId)).toBe(`hold:{sch:${scheduleId}}:${reservationId}`);
    expect(keys.status).toBe(`seatmap:{sch:${scheduleId}}:status`);
    expect(parseHoldKey("", keys.hold(reservationId))).toEqual({ scheduleId, reservationId });
    expect(scheduleKeys(keyPrefix, scheduleId).status).toBe(
      `${keyPrefix}seatmap:{sch:${scheduleId}}:status`,
    );
  });
});
