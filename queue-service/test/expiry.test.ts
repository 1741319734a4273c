import { describe, expect, it } from "vitest";
import type { QueueServiceConfig } from "../src/config";
import {
  connectBuyer,
  dataOf,
  disconnectAll,
  eventsOf,
  send,
  waitFor,
  type Buyer,
} from "./support/clients";
import { createPerformance } from "./support/fixtures";
import type { TestInstance } from "./support/instance";
import { useQueueTestBed } from "./support/test-bed";
import { deleteKeys, uniqueKeyPrefix, withoutKeyspaceNotifications } from "./support/redis";

const bed = useQueueTestBed("queue_expiry");

function serve(keyPrefix: string, overrides: Partial<QueueServiceConfig>): Promise<TestInstance> {
  return bed.serve({ keyPrefix, overrides });
}

function prefixForTest(): string {
  const keyPrefix = uniqueKeyPrefix("expiry");
  bed.afterThisTest(() => deleteKeys(bed.redis, keyPrefix));
  return keyPrefix;
}

async function buyers(instance: TestInstance, count: number): Promise<Buyer[]> {
  const connected = await Promise.all(
    Array.from({ length: count }, () => connectBuyer(instance.url)),
  );
  bed.afterThisTest(() => {
    disconnectAll(connected);
    return Promise.resolve();
  });
  return connected;
}

/** One buyer holds the only slot with a 1-second token; another waits for it. */
async function slotAboutToExpire(instance: TestInstance) {
  const performanceId = await createPerformance(bed.prisma, {
    queueMaxActive: 1,
    queueTokenTtlSeconds: 1,
  });
  const [holder, next] = (await buyers(instance, 2)) as [Buyer, Buyer];
  expect(dataOf(await send.join(holder, performanceId)).status).toBe("admitted");
  const grant = dataOf(await send.claim(holder, performanceId));
  expect(dataOf(await send.join(next, performanceId))).toMatchObject({ position: 1 });
  return { performanceId, holder, next, expiresAt: grant.expiresAt };
}

async function expectHandedOver(
  instance: TestInstance,
  slot: Awaited<ReturnType<typeof slotAboutToExpire>>,
): Promise<number> {
  await waitFor(() => eventsOf([slot.next], "queue:admitted").length === 1, {
    what: "the next buyer's admission",
  });
  const handedOverAfterMs = Date.now() - slot.expiresAt;
  expect(eventsOf([slot.holder], "queue:released")).toEqual([
    { performanceId: slot.performanceId, reason: "expired" },
  ]);
  const stats = await instance.service.store.stats(slot.performanceId);
  expect(stats.counters).toMatchObject({ "released:expired": 1, admitted: 2 });
  expect(stats.progress).toMatchObject({ active: 1, waiting: 0 });
  expect(await send.status(slot.holder, slot.performanceId)).toMatchObject({
    error: { code: "NOT_IN_QUEUE" },
  });
  return handedOverAfterMs;
}

describe("an expired working token", () => {
  it("admits the next buyer at once through keyspace notifications", async () => {
    // The sweeper would take a minute: only the notification can be this fast.
    const instance = await serve(prefixForTest(), { sweepIntervalMs: 60_000 });
    const slot = await slotAboutToExpire(instance);
    // Within a few ticks of the expiry, however many other keys Redis has to expire.
    expect(await expectHandedOver(instance, slot)).toBeLessThan(1_000);
  });

  it("admits the next buyer through the sweeper when notifications are off", async () => {
    const instance = await serve(prefixForTest(), { sweepIntervalMs: 200 });
    const slot = await slotAboutToExpire(instance);
    await withoutKeyspaceNotifications(bed.redis, async () => {
      await expectHandedOver(instance, slot);
    });
  });
});

describe("an admitted buyer who does not claim in time", () => {
  it("loses the slot to the next buyer", async () => {
    const instance = await serve(prefixForTest(), { claimWindowMs: 500 });
    const performanceId = await createPerformance(bed.prisma, { queueMaxActive: 1 });
    const [absent, next] = (await buyers(instance, 2)) as [Buyer, Buyer];
    expect(dataOf(await send.join(absent, performanceId))).toMatchObject({ status: "admitted" });
    expect(dataOf(await send.join(next, performanceId))).toMatchObject({ status: "waiting" });

    await waitFor(() => eventsOf([next], "queue:admitted").length === 1, {
      what: "the next buyer's admission",
    });
    expect(await send.claim(absent, performanceId)).toMatchObject({
      error: { code: "NOT_ADMITTED" },
    });
    expect(dataOf(await send.claim(next, performanceId))).toMatchObject({ performanceId });
  });
});

describe("with two instances", () => {
  it("reuses a freed slot exactly once", async () => {
    const keyPrefix = prefixForTest();
    // Both instances tick, sweep and receive every expiry notification: all race for the slot.
    const racing = { sweepIntervalMs: 150, tickMs: 50 };
    const [one, two] = [await serve(keyPrefix, racing), await serve(keyPrefix, racing)];
    const performanceId = await createPerformance(bed.prisma, {
      queueMaxActive: 1,
      queueTokenTtlSeconds: 1,
    });
    const [holder, third] = (await buyers(one, 2)) as [Buyer, Buyer];
    const [second] = (await buyers(two, 1)) as [Buyer];
    expect(dataOf(await send.join(holder, performanceId)).status).toBe("admitted");
    dataOf(await send.claim(holder, performanceId));
    expect(dataOf(await send.join(second, performanceId))).toMatchObject({ position: 1 });
    expect(dataOf(await send.join(third, performanceId))).toMatchObject({ position: 2 });

    await waitFor(() => eventsOf([second, third], "queue:admitted").length > 0, {
      what: "an admission",
    });
    // Give every racer time to do something wrong.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(eventsOf([second], "queue:admitted")).toHaveLength(1);
    expect(eventsOf([third], "queue:admitted")).toHaveLength(0);
    expect(eventsOf([holder], "queue:released")).toHaveLength(1);
    const stats = await one.service.store.stats(performanceId);
    expect(stats.counters).toMatchObject({ "released:expired": 1, admitted: 2 });
    expect(stats.progress).toMatchObject({ active: 1, waiting: 1 });
    expect(dataOf(await send.status(third, performanceId))).toMatchObject({ position: 1 });
  });
});
