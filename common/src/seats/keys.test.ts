import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { envFields } from "../env";
import { parseHoldKey, scheduleKeys } from "./keys";

/** The part of a key Redis Cluster hashes: the first non-empty `{...}`, else the whole key. */
function hashTagOf(key: string): string {
  const open = key.indexOf("{");
  const close = open === -1 ? -1 : key.indexOf("}", open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

describe("seat keys", () => {
  it("share one hash tag per schedule, so every hold script touches one cluster slot", () => {
    const scheduleId = randomUUID();
    const keys = scheduleKeys("tp:", scheduleId);
    const reservationId = randomUUID();
    const names = [
      keys.layout,
      keys.status,
      keys.version,
      keys.buildLock,
      keys.hold(reservationId),
      keys.holdSeats(reservationId),
      keys.buyer(randomUUID()),
      // hold-seats.lua builds a buyer's other hold keys from this prefix.
      `${keys.holdPrefix}${randomUUID()}`,
    ];
    for (const name of names) expect(hashTagOf(name)).toBe(`sch:${scheduleId}`);
    expect(new Set(names).size).toBe(names.length);
    expect(parseHoldKey("tp:", keys.hold(reservationId))).toEqual({ scheduleId, reservationId });
  });

  it("keep the tag whatever SEAT_KEY_PREFIX is: a prefix may hold no brace", () => {
    expect(envFields.redisKeyPrefix("").safeParse("tenant{a}:").success).toBe(false);
    expect(envFields.redisKeyPrefix("").safeParse("tenant-a:").success).toBe(true);
  });
});
