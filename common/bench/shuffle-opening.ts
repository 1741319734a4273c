// `npm run bench:shuffle -w @ticketping/common`: how long the opening of a sale blocks
// Redis when it shuffles a large pre-queue with the committed shuffle (docs/fairness.md),
// against a bare reference in the same run: a script that moves the same members from the
// pre-queue into the line in join order, with the same batched ZADDs and no shuffle.
import { randomBytes, randomUUID } from "node:crypto";
import { envFields, parseEnv } from "../src/env";
import type { QueueSettings } from "../src/queue";
import { QueueStore } from "../src/queue/store";
import { createRedis } from "../src/redis";
import { deleteKeysMatching } from "../src/testing";

const ENTRANTS = [10_000, 100_000];
const RUNS = 3;

const BARE_MOVE = `
local members = redis.call("ZRANGE", KEYS[1], 0, -1)
local batch = {}
for i = 1, #members do
  batch[#batch + 1] = i
  batch[#batch + 1] = members[i]
  if #batch >= 1000 or i == #members then
    redis.call("ZADD", KEYS[2], unpack(batch))
    batch = {}
  end
end
redis.call("DEL", KEYS[1])
return #members`;

const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "shuffle-bench" });
const keyPrefix = `bench:shuffle:${randomUUID()}:`;
const store = new QueueStore({ redis, keyPrefix });

function openedSale(): QueueSettings {
  const now = Date.now();
  return {
    known: true,
    saleStatus: "PUBLISHED",
    opensAt: now - 1_000,
    closesAt: now + 3_600_000,
    maxActive: 0,
    admitRate: 0,
    tokenTtlMs: 600_000,
    refuseRatio: 0,
    unsoldSeats: 1_000_000,
    claimWindowMs: 30_000,
    graceMs: 30_000,
    preQueueLeadMs: 3_600_000,
    loadedAt: now,
    shuffleSeed: randomBytes(32).toString("hex"),
  };
}

/** A pre-queue of `count` user-id-like members, in join order. */
async function fillPreQueue(key: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += 10_000) {
    const members = Array.from({ length: Math.min(10_000, count - start) }, (_, offset) => [
      start + offset + 1,
      randomUUID(),
    ]).flat();
    await redis.zadd(key, ...members);
  }
}

async function timed(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

try {
  console.log("entrants  bare move (ms)  committed shuffle opening (ms)  ratio");
  for (const count of ENTRANTS) {
    const bare: number[] = [];
    const shuffled: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const keys = store.keys(randomUUID());
      await fillPreQueue(keys.pre, count);
      bare.push(await timed(() => redis.eval(BARE_MOVE, 2, keys.pre, keys.waiting)));

      const performanceId = randomUUID();
      const sale = store.keys(performanceId);
      await store.putSettings(performanceId, openedSale(), 600_000);
      await fillPreQueue(sale.pre, count);
      const elapsed = await timed(async () => {
        const outcome = await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 0 });
        if (outcome.status !== "advanced" || !outcome.opened) throw new Error("did not open");
      });
      shuffled.push(elapsed);
      await deleteKeysMatching(redis, [`${keyPrefix}*`]);
    }
    const [b, s] = [median(bare), median(shuffled)];
    console.log(
      `${String(count).padStart(8)}  ${b.toFixed(1).padStart(14)}  ${s.toFixed(1).padStart(30)}  ${(s / b).toFixed(2)}x`,
    );
  }
} finally {
  await deleteKeysMatching(redis, [`${keyPrefix}*`]);
  await redis.quit();
}
