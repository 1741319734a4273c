import { presaleLedgerFromDatabase } from "../src/door/presale-ledger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@ticketping/common/logger";
import {
  closeRedis,
  createRedis,
  createRedisSubscriber,
  REDIS_MAX_RECONNECT_DELAY_MS,
  type RedisClient,
} from "@ticketping/common/redis";
import { startOwnRedisServer, type OwnRedisServer } from "@ticketping/common/testing";
import { loadQueueEntryRules } from "@ticketping/db";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import type { AddressInfo } from "node:net";
import { createQueueService, type QueueService } from "../src/app";
import { loadBuyerStatesFromDatabase } from "../src/door/load-buyer-states-from-database";
import { loadSaleFactsFromDatabase } from "../src/settings/load-sale-facts-from-database";
import { connectBuyer, dataOf, disconnectAll, send, waitFor, type Buyer } from "./support/clients";
import { createPerformance } from "./support/fixtures";
import { testConfig } from "./support/instance";
import { uniqueKeyPrefix } from "./support/redis";

// The service runs on a Redis of this test's own, connected as main.ts connects, which
// the test stops and starts (AOF on, as scripts/services.sh and compose run Redis).
let ownRedisServer: OwnRedisServer;
let database: TestDatabase;
let connections: RedisClient[];
let service: QueueService;
let url: string;

beforeAll(async () => {
  ownRedisServer = await startOwnRedisServer({ appendOnly: true });
  database = await createTestDatabase({ label: "queue_redis_outage" });
  const options = { url: ownRedisServer.url };
  const redis = createRedis({ ...options, connectionName: "queue-outage-test" });
  const adapterPub = createRedis({
    ...options,
    connectionName: "queue-outage-test:adapter",
    whileDisconnected: "wait",
  });
  const adapterSub = createRedisSubscriber({ ...options, connectionName: "queue-outage-test" });
  connections = [redis, adapterPub, adapterSub];
  service = createQueueService({
    redis,
    adapterPub,
    adapterSub,
    loadSaleFacts: loadSaleFactsFromDatabase(database.prisma),
    loadBuyerStates: loadBuyerStatesFromDatabase(database.prisma),
    loadEntryRules: loadQueueEntryRules(database.prisma),
    presale: presaleLedgerFromDatabase(database.prisma),
    // Slow admission: the buyers stay in line, where their places can be compared.
    config: testConfig(uniqueKeyPrefix("outage"), {
      defaults: { maxActive: 1, admitRatePerSec: 1, tokenTtlSeconds: 600, refuseRatio: 0 },
    }),
    logger: createLogger({ name: "queue-outage-test", level: "silent" }),
  });
  await service.ready;
  await new Promise<void>((resolve) => {
    service.http.listen(0, "127.0.0.1", () => {
      resolve();
    });
  });
  url = `http://127.0.0.1:${(service.http.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await service.close();
  await Promise.all(connections.map(closeRedis));
  await ownRedisServer.remove();
  await database.drop();
});

async function timedStatus(buyer: Buyer, performanceId: string) {
  const started = performance.now();
  const reply = await send.status(buyer, performanceId, 10_000);
  return { reply, ms: performance.now() - started };
}

describe("while Redis is down", () => {
  it("acknowledges SERVICE_UNAVAILABLE at once, and the line is back in order when Redis is", async () => {
    const performanceId = await createPerformance(database.prisma, { seats: 10 });
    const buyers = [await connectBuyer(url), await connectBuyer(url), await connectBuyer(url)];
    try {
      for (const buyer of buyers) dataOf(await send.join(buyer, performanceId));
      // One slot: the first buyer is admitted, the others wait behind them.
      await waitFor(
        async () =>
          dataOf(await send.status(buyers[0] as Buyer, performanceId)).status === "admitted",
        { what: "the first buyer's admission" },
      );
      const standings = () =>
        Promise.all(
          buyers.map(async (buyer) => {
            const standing = dataOf(await send.status(buyer, performanceId));
            return standing.status === "waiting"
              ? { status: standing.status, seq: standing.seq, position: standing.position }
              : { status: standing.status };
          }),
        );
      const before = await standings();
      expect(before.map(({ status }) => status)).toEqual(["admitted", "waiting", "waiting"]);

      await ownRedisServer.stop();
      for (const buyer of buyers) {
        const { reply, ms } = await timedStatus(buyer, performanceId);
        expect(reply).toEqual({
          error: {
            code: "SERVICE_UNAVAILABLE",
            message: "The waiting room is temporarily unavailable. Please try again shortly.",
          },
        });
        expect(ms).toBeLessThan(500);
      }

      await ownRedisServer.start();
      const started = performance.now();
      const deadline = started + REDIS_MAX_RECONNECT_DELAY_MS + 3_000;
      for (;;) {
        const { reply } = await timedStatus(buyers[0] as Buyer, performanceId);
        if ("data" in reply) break;
        expect(reply.error.code).toBe("SERVICE_UNAVAILABLE");
        if (performance.now() > deadline) throw new Error("queue did not recover");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // AOF kept the line: every buyer is where they were, admitted or waiting alike.
      expect(await standings()).toEqual(before);
    } finally {
      disconnectAll(buyers);
    }
  }, 30_000);
});
