import { afterAll, afterEach, beforeAll } from "vitest";
import type { PrismaClient } from "@ticketping/db";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import type { RedisClient } from "@ticketping/common/redis";
import type { QueueServiceConfig } from "../../src/config";
import type { PresaleLedger } from "../../src/door/presale-ledger";
import { startInstance, testConfig, type TestInstance } from "./instance";
import { connectRedis, deleteKeys, uniqueKeyPrefix } from "./redis";

export interface QueueTestBed {
  /** The file's throwaway database (valid from beforeAll on). */
  readonly prisma: PrismaClient;
  /** A Redis connection of the test's own, for looking at and arranging keys. */
  readonly redis: RedisClient;
  /**
   * A queue-service in this process on `keyPrefix` (default: a new one), closed after the
   * test with its keys deleted.
   */
  serve(options?: {
    keyPrefix?: string;
    overrides?: Partial<QueueServiceConfig>;
    presale?: (fromDatabase: PresaleLedger) => PresaleLedger;
  }): Promise<TestInstance>;
  /** Runs after the current test; the last registered runs first. */
  afterThisTest(cleanup: () => Promise<void> | void): void;
}

/**
 * A test file's database, Redis connection and queue-service instances, with the vitest
 * hooks that create and remove them. Call it once at the top of the file.
 */
export function useQueueTestBed(label: string): QueueTestBed {
  let database: TestDatabase | undefined;
  let redis: RedisClient | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ label });
    redis = connectRedis();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    await redis?.quit();
    await database?.drop();
  });

  const bed: QueueTestBed = {
    get prisma() {
      if (!database) throw new Error("the test bed's database is made in beforeAll");
      return database.prisma;
    },
    get redis() {
      if (!redis) throw new Error("the test bed's Redis connection is made in beforeAll");
      return redis;
    },
    async serve({ keyPrefix = uniqueKeyPrefix(label), overrides = {}, presale } = {}) {
      const instance = await startInstance({
        prisma: bed.prisma,
        config: testConfig(keyPrefix, overrides),
        ...(presale ? { presale } : {}),
      });
      cleanups.push(async () => {
        await instance.close();
        await deleteKeys(bed.redis, keyPrefix);
      });
      return instance;
    },
    afterThisTest(cleanup) {
      cleanups.push(cleanup);
    },
  };
  return bed;
}
