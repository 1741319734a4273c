import { randomBytes, randomUUID } from "node:crypto";
import { envFields, parseEnv } from "@ticketping/common/env";
import { createRedis, type RedisClient } from "@ticketping/common/redis";
import type { PrismaClient } from "@ticketping/db";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { admitBuyer, deleteTestKeys, sessionCookie, type TestBuyer } from "./booking";
import { startWebServer, type RunningWebServer, type WebSecrets } from "./web-server";

const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });

/**
 * What one HTTP test file runs against: a database of its own, Redis under a queue key
 * prefix of its own, and the production web servers it starts on them. Every server of a
 * system shares one set of secrets, so the test can mint sessions and working tokens that
 * any of them accepts.
 */
export interface WebTestSystem {
  database: TestDatabase;
  prisma: PrismaClient;
  redis: RedisClient;
  /**
   * QUEUE_KEY_PREFIX and SEAT_KEY_PREFIX of every server of the system (a worker started
   * beside them needs SEAT_KEY_PREFIX too).
   */
  keyPrefix: string;
  secrets: WebSecrets;
  /** Starts the built web app on this system; stop() stops it. */
  startWeb: (options?: {
    env?: Record<string, string>;
    /** Instead of the system's database, e.g. a proxy in front of it. */
    databaseUrl?: string;
  }) => Promise<RunningWebServer>;
  /** The Cookie header of a signed-in buyer (see sessionCookie). */
  sessionCookie: (buyer: TestBuyer) => Promise<string>;
  /** Admits a buyer to a performance as the queue service does (see admitBuyer). */
  admit: (
    buyer: Pick<TestBuyer, "id">,
    performanceId: string,
    options?: { ttlMs?: number },
  ) => Promise<{ token: string; tokenId: string }>;
  /** The request headers of a signed-in buyer admitted to the performance. */
  buyerHeaders: (
    buyer: TestBuyer,
    performanceId: string,
  ) => Promise<{ cookie: string; "x-working-token": string }>;
  /**
   * Stops the servers, removes the Redis keys of the key prefix and of every show in the
   * database, and drops the database. Stop the test's own processes (a worker) first.
   */
  stop: () => Promise<void>;
}

export async function createWebTestSystem({ label }: { label: string }): Promise<WebTestSystem> {
  const database = await createTestDatabase({ label });
  const redis = createRedis({ url: REDIS_URL, connectionName: `web-test-${label}` });
  const keyPrefix = `test-${randomUUID()}:`;
  const secret = () => randomBytes(32).toString("hex");
  const secrets: WebSecrets = {
    nextAuth: secret(),
    queueToken: secret(),
    queueTicket: secret(),
    pow: secret(),
    tickets: secret(),
    emailToken: secret(),
  };
  const servers: RunningWebServer[] = [];

  const admit: WebTestSystem["admit"] = (buyer, performanceId, { ttlMs } = {}) =>
    admitBuyer(redis, {
      secret: secrets.queueToken,
      keyPrefix,
      userId: buyer.id,
      performanceId,
      ...(ttlMs === undefined ? {} : { ttlMs }),
    });

  return {
    database,
    prisma: database.prisma,
    redis,
    keyPrefix,
    secrets,
    startWeb: async ({ env = {}, databaseUrl = database.url } = {}) => {
      const server = await startWebServer({
        databaseUrl,
        env: {
          QUEUE_KEY_PREFIX: keyPrefix,
          SEAT_KEY_PREFIX: keyPrefix,
          NEXTAUTH_SECRET: secrets.nextAuth,
          QUEUE_TOKEN_SECRET: secrets.queueToken,
          QUEUE_TICKET_SECRET: secrets.queueTicket,
          POW_HMAC_SECRET: secrets.pow,
          TICKET_SIGNING_KEY: secrets.tickets,
          EMAIL_TOKEN_SECRET: secrets.emailToken,
          ...env,
        },
      });
      servers.push(server);
      return server;
    },
    sessionCookie: (buyer) => sessionCookie(secrets.nextAuth, buyer),
    admit,
    buyerHeaders: async (buyer, performanceId) => ({
      cookie: await sessionCookie(secrets.nextAuth, buyer),
      "x-working-token": (await admit(buyer, performanceId)).token,
    }),
    stop: async () => {
      for (const server of servers.reverse()) await server.stop();
      const schedules = await database.prisma.schedule.findMany({ select: { id: true } });
      await deleteTestKeys(redis, { scheduleIds: schedules.map(({ id }) => id), keyPrefix });
      await database.drop();
      await redis.quit();
    },
  };
}
