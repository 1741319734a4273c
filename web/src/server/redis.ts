import "server-only";
import { defineHoldCommands } from "@ticketping/common/seats";
import { defineQueueScripts } from "@ticketping/common/queue/store";
import { defineRateLimitCommand } from "@ticketping/common/rate-limit";
import { createRedis, type RedisClient } from "@ticketping/common/redis";
import { env } from "@/env";
import { logger } from "./logger";

const globalForRedis = globalThis as unknown as { ticketpingRedis?: RedisClient };

/**
 * One connection per server process; dev hot-reload would otherwise open one per edit.
 *
 * Auto-pipelining: when a sale opens, a burst of holds reaches the same Redis calls in the
 * same event-loop tick (each buyer's grant read, then the hold script). Sent together they
 * cost one socket write instead of one each, and on loopback the sender pays for the
 * whole delivery: the burst's p99 is lower with it (the web benchmark's burst of 200
 * holds: BENCHMARKS.md, "Web: seat map and holds"). Every Lua command the web runs is
 * defined here.
 */
export function getRedis(): RedisClient {
  globalForRedis.ticketpingRedis ??= createRedis({
    url: env.REDIS_URL,
    connectionName: "web",
    logger,
    autoPipelining: {
      defineCommands: [defineHoldCommands, defineRateLimitCommand, defineQueueScripts],
    },
  });
  return globalForRedis.ticketpingRedis;
}
