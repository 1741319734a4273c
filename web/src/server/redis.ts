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
    // Under a crowd many requests touch Redis in the same tick (grant checks, hold
    // scripts): one write per tick instead of one per command saves a syscall and a
    // wake-up of Redis each, which on two shared cores is most of a command's cost.
    options: { enableAutoPipelining: true },
  });
  return globalForRedis.ticketpingRedis;
}
