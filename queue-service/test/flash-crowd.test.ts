import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derivePosition, type QueueStanding } from "@ticketping/common/queue";
import { QueueStore } from "@ticketping/common/queue/store";
import { spawnService, type SpawnedService } from "@ticketping/common/testing";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import type { RedisClient } from "@ticketping/common/redis";
import {
  connectBuyers,
  dataOf,
  disconnectAll,
  eventsOf,
  send,
  waitFor,
  type Buyer,
} from "./support/clients";
import { createPerformance } from "./support/fixtures";
import { startInstance, testConfig } from "./support/instance";
import { connectRedis, deleteKeys, uniqueKeyPrefix } from "./support/redis";

const CROWD = 5_000;
const MAX_ACTIVE = 100;

let database: TestDatabase;
let redis: RedisClient;

beforeAll(async () => {
  database = await createTestDatabase({ label: "queue_flash_crowd" });
  redis = connectRedis();
});

afterAll(async () => {
  await redis.quit();
  await database.drop();
});

function crowdPerformance(): Promise<string> {
  return createPerformance(database.prisma, {
    seats: MAX_ACTIVE,
    queueMaxActive: MAX_ACTIVE,
    queueAdmitRatePerSec: 1_000,
    queueRefuseRatio: 100,
  });
}

/**
 * A status request loads the queue's settings into Redis and every instance's cache, as
 * the page views before a sale would: the crowd then races in Redis, not behind a cold
 * cache that would line the joins up by instance.
 */
async function warmUp(buyer: Buyer | undefined, performanceId: string): Promise<void> {
  if (!buyer) throw new Error("no buyer to warm up with");
  const reply = await send.status(buyer, performanceId);
  expect(reply).toMatchObject({ error: { code: "NOT_IN_QUEUE" } });
}

/**
 * Once the dust settles: exactly MAX_ACTIVE buyers were admitted, each pushed exactly once,
 * and everyone else holds a distinct place 1..N with no gaps, both as the server answers it
 * and as each client derives it from the progress broadcast.
 */
async function expectSettledCrowd(
  buyers: Buyer[],
  joins: QueueStanding[],
  performanceId: string,
  store: QueueStore,
): Promise<void> {
  await waitFor(() => eventsOf(buyers, "queue:admitted").length >= MAX_ACTIVE, {
    what: "admission pushes",
    timeoutMs: 20_000,
  });
  const stats = await store.stats(performanceId);
  expect(stats.progress?.active).toBe(MAX_ACTIVE);
  expect(stats.progress?.waiting).toBe(CROWD - MAX_ACTIVE);
  expect(stats.counters.admitted).toBe(MAX_ACTIVE);

  const pushedTo = buyers.filter((buyer) =>
    buyer.received.some((entry) => entry.event === "queue:admitted"),
  );
  expect(pushedTo).toHaveLength(MAX_ACTIVE);
  expect(eventsOf(buyers, "queue:admitted")).toHaveLength(MAX_ACTIVE);

  const waiting = buyers.filter((buyer) => !pushedTo.includes(buyer));
  const exact = await Promise.all(
    waiting.map(async (buyer) => dataOf(await send.status(buyer, performanceId))),
  );
  const positions = exact.map((standing) => {
    if (standing.status !== "waiting") throw new Error(`expected waiting, got ${standing.status}`);
    return standing.position;
  });
  expect([...positions].sort((a, b) => a - b)).toEqual(
    Array.from({ length: CROWD - MAX_ACTIVE }, (_, index) => index + 1),
  );

  // Push, not polling: the broadcast alone gives each waiter the same exact position.
  await waitFor(
    () => waiting.every((buyer) => buyer.latestProgress()?.admittedTotal === MAX_ACTIVE),
    { what: "progress broadcast after admissions" },
  );
  const byUser = new Map(buyers.map((buyer, index) => [buyer.userId, joins[index]]));
  waiting.forEach((buyer, index) => {
    const joined = byUser.get(buyer.userId);
    const progress = buyer.latestProgress();
    if (joined?.status !== "waiting" || !progress) throw new Error("missing baseline");
    const derived = derivePosition(
      { seq: joined.seq, position: joined.position, admittedTotal: joined.progress.admittedTotal },
      progress,
    );
    expect(derived.position).toBe(positions[index]);
  });
}

describe("flash crowd", () => {
  it(`admits exactly ${MAX_ACTIVE} of ${CROWD} concurrent joins and lines up the rest without gaps`, async () => {
    const keyPrefix = uniqueKeyPrefix("flash-one");
    const performanceId = await crowdPerformance();
    const instance = await startInstance({
      prisma: database.prisma,
      config: testConfig(keyPrefix),
    });
    let buyers: Buyer[] = [];
    try {
      buyers = await connectBuyers(instance.url, CROWD);
      await warmUp(buyers[0], performanceId);

      // Count joins inside the server that are waiting on Redis at the same moment.
      const store = instance.service.store;
      const join = store.join.bind(store);
      let inFlight = 0;
      let maxInFlight = 0;
      store.join = async (options) => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        try {
          return await join(options);
        } finally {
          inFlight--;
        }
      };

      // Every join is on the wire before the first answer can be read.
      const replies = await Promise.all(buyers.map((buyer) => send.join(buyer, performanceId)));
      const joins = replies.map(dataOf);
      expect(maxInFlight).toBeGreaterThan(100);
      expect(new Set(joins.map((standing) => ("seq" in standing ? standing.seq : -1))).size).toBe(
        joins.filter((standing) => standing.status === "waiting").length +
          (joins.some((standing) => standing.status !== "waiting") ? 1 : 0),
      );

      await expectSettledCrowd(buyers, joins, performanceId, store);
    } finally {
      disconnectAll(buyers);
      await instance.close();
      await deleteKeys(redis, keyPrefix);
    }
  });

  it(`holds the same guarantees with two server processes sharing Redis`, async () => {
    const keyPrefix = uniqueKeyPrefix("flash-two");
    const performanceId = await crowdPerformance();
    const spawnInstance = () =>
      spawnService({
        cwd: path.resolve(import.meta.dirname, ".."),
        entry: "src/main.ts",
        env: {
          QUEUE_SERVICE_PORT: "0",
          // Two separate instances of one process each, as two hosts would run them (several
          // processes behind one port: multi-process.test.ts).
          QUEUE_PROCESSES: "1",
          DATABASE_URL: database.url,
          QUEUE_KEY_PREFIX: keyPrefix,
          QUEUE_TICK_MS: "100",
          QUEUE_PROGRESS_KEEPALIVE_MS: "1000",
          QUEUE_JOIN_LIMIT_PER_IP_PER_MIN: "10000000",
          QUEUE_CONNECT_LIMIT_PER_IP_PER_MIN: "10000000",
          QUEUE_CONSUMER_GROUP_ID: `queue-test-${randomUUID()}`,
          LOG_LEVEL: "info",
        },
      });
    const instances: SpawnedService[] = await Promise.all([spawnInstance(), spawnInstance()]);
    let buyers: Buyer[] = [];
    try {
      const [first, second] = instances.map((instance) => `http://127.0.0.1:${instance.port}`);
      if (!first || !second) throw new Error("two instances expected");
      const half = CROWD / 2;
      const onFirst = await connectBuyers(first, half);
      const onSecond = await connectBuyers(second, half);
      await Promise.all([warmUp(onFirst[0], performanceId), warmUp(onSecond[0], performanceId)]);
      // Interleaved, so both servers receive their joins at the same time.
      buyers = onFirst.flatMap((buyer, index) => {
        const other = onSecond[index];
        return other ? [buyer, other] : [buyer];
      });

      const replies = await Promise.all(buyers.map((buyer) => send.join(buyer, performanceId)));
      const joins = replies.map(dataOf);

      // The two servers' joins really interleaved in Redis: sorted by the sequence number
      // Redis handed out, the instance alternates many times.
      const served = new Set(onFirst);
      const bySeq = buyers
        .map((buyer, index) => ({ buyer, standing: joins[index] }))
        .filter(({ standing }) => standing?.status === "waiting")
        .sort((a, b) => seqOf(a.standing) - seqOf(b.standing));
      let switches = 0;
      for (let index = 1; index < bySeq.length; index++) {
        const previous = bySeq[index - 1];
        const current = bySeq[index];
        if (previous && current && served.has(previous.buyer) !== served.has(current.buyer)) {
          switches++;
        }
      }
      expect(switches).toBeGreaterThan(10);

      await expectSettledCrowd(buyers, joins, performanceId, new QueueStore({ redis, keyPrefix }));
    } finally {
      disconnectAll(buyers);
      await Promise.all(instances.map((instance) => instance.stop("SIGTERM")));
      await deleteKeys(redis, keyPrefix);
    }
  });
});

function seqOf(standing: QueueStanding | undefined): number {
  return standing?.status === "waiting" ? standing.seq : Number.POSITIVE_INFINITY;
}
