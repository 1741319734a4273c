import { presaleLedgerFromDatabase, type PresaleLedger } from "../../src/door/presale-ledger";
import type { AddressInfo } from "node:net";
import { createLogger } from "@ticketping/common/logger";
import {
  DEVELOPMENT_QUEUE_TICKET_SECRET,
  DEVELOPMENT_QUEUE_TOKEN_SECRET,
} from "@ticketping/common/queue";
import { loadQueueEntryRules, type PrismaClient } from "@ticketping/db";
import type { RedisClient } from "@ticketping/common/redis";
import { createQueueService, type QueueService } from "../../src/app";
import type { QueueServiceConfig } from "../../src/config";
import { loadBuyerStatesFromDatabase } from "../../src/door/load-buyer-states-from-database";
import { loadSaleFactsFromDatabase } from "../../src/settings/load-sale-facts-from-database";

/** The web app's NEXTAUTH_SECRET as the tests' queue services know it (the session door). */
export const TEST_SESSION_SECRET = "queue-test-session-secret-0123456789abcdef";
import { connectRedis, expiredKeysOfTestRedis } from "./redis";

/** Fast ticks and generous limits; each test overrides what it is about. */
export function testConfig(
  keyPrefix: string,
  overrides: Partial<QueueServiceConfig> = {},
): QueueServiceConfig {
  return {
    keyPrefix,
    ticketSecret: DEVELOPMENT_QUEUE_TICKET_SECRET,
    tokenSecret: DEVELOPMENT_QUEUE_TOKEN_SECRET,
    corsOrigins: ["http://127.0.0.1:3000"],
    trustedProxies: { kind: "none" },
    defaults: { maxActive: 100, admitRatePerSec: 1_000, tokenTtlSeconds: 600, refuseRatio: 0 },
    claimWindowMs: 30_000,
    graceMs: 60_000,
    preQueueLeadMs: 3_600_000,
    tickMs: 100,
    maxAdmissionsPerTick: 1_000,
    // Off: most tests are about the organizer's fixed rate; the pace test turns it on.
    paceTargetMs: 0,
    progressIntervalMs: 100,
    progressKeepaliveMs: 1_000,
    sweepIntervalMs: 60_000,
    settingsRefreshMs: 2_000,
    idleQueueRetentionMs: 3_600_000,
    joinLimitPerUserPerMin: 600,
    joinLimitPerIpPerMin: 10_000_000,
    connectLimitPerIpPerMin: 10_000_000,
    maxSocketsPerBuyer: 5,
    sessionDoor: { secret: TEST_SESSION_SECRET, checkTtlMs: 30_000, defaultPowComplexity: 0 },
    ...overrides,
  };
}

export interface TestInstance {
  service: QueueService;
  url: string;
  close: () => Promise<void>;
}

/** A real queue-service in this process: own Redis connections, HTTP on port 0. */
export async function startInstance(options: {
  prisma: PrismaClient;
  config: QueueServiceConfig;
  expiryNotifications?: boolean;
  /** Wraps the database's presale ledger, e.g. to make a spend fail. */
  presale?: (fromDatabase: PresaleLedger) => PresaleLedger;
}): Promise<TestInstance> {
  const connections: RedisClient[] = [
    connectRedis("queue-test"),
    connectRedis("queue-test:adapter"),
    connectRedis("queue-test:adapter:sub"),
  ];
  const [redis, adapterPub, adapterSub] = connections as [RedisClient, RedisClient, RedisClient];
  const service = createQueueService({
    redis,
    adapterPub,
    adapterSub,
    // service.close stops it and closes its connections.
    ...((options.expiryNotifications ?? true)
      ? { expiredKeys: expiredKeysOfTestRedis("queue-test:expiry") }
      : {}),
    loadSaleFacts: loadSaleFactsFromDatabase(options.prisma),
    loadBuyerStates: loadBuyerStatesFromDatabase(options.prisma),
    loadEntryRules: loadQueueEntryRules(options.prisma),
    presale: (options.presale ?? ((ledger) => ledger))(presaleLedgerFromDatabase(options.prisma)),
    config: options.config,
    logger: createLogger({ name: "queue-test", level: "silent" }),
  });
  await service.ready;
  await new Promise<void>((resolve) => {
    service.http.listen(0, "127.0.0.1", () => {
      resolve();
    });
  });
  const { port } = service.http.address() as AddressInfo;
  return {
    service,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await service.close();
      await Promise.all(connections.map((connection) => connection.quit()));
    },
  };
}
