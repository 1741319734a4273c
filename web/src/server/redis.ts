import "server-only";
import { createRedis, type Redis } from "@ticketping/common/redis";
import { env } from "@/env";
import { logger } from "./logger";

const globalForRedis = globalThis as unknown as { ticketpingRedis?: Redis };

/** One connection per server process; dev hot-reload would otherwise open one per edit. */
export function getRedis(): Redis {
  globalForRedis.ticketpingRedis ??= createRedis({
    url: env.REDIS_URL,
    connectionName: "web",
    logger,
  });
  return globalForRedis.ticketpingRedis;
}
