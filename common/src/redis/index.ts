import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "pino";

export { Redis } from "ioredis";

export interface CreateRedisOptions {
  url: string;
  /** Shows up in CLIENT LIST, so an operator can tell connections apart. */
  connectionName: string;
  logger?: Logger;
  options?: RedisOptions;
  /**
   * Send the commands issued in one event-loop tick together, in one socket write. Every
   * Lua command the connection will run must then be defined before its first use in a
   * tick: ioredis cannot add a command to the pipeline already gathering that tick, and
   * the call fails (and its reply handler throws). So they are defined here, up front.
   */
  autoPipelining?: { defineCommands: ((redis: Redis) => void)[] };
}

/**
 * Every Redis connection of the system is made here so they share one retry policy:
 * reconnect with capped backoff for ever (a Redis restart must not kill the app), but
 * fail commands fast while disconnected instead of queueing them without bound.
 */
export function createRedis({
  url,
  connectionName,
  logger,
  options,
  autoPipelining,
}: CreateRedisOptions): Redis {
  const redis = new Redis(url, {
    connectionName,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
    ...options,
    enableAutoPipelining: autoPipelining !== undefined,
  });
  if (autoPipelining) defineCommandsUpFront(redis, autoPipelining.defineCommands);
  let lastErrorLogAt = 0;
  redis.on("error", (error: Error) => {
    // A down Redis emits an error per retry; one line every few seconds is enough.
    const now = Date.now();
    if (now - lastErrorLogAt > 5_000) {
      lastErrorLogAt = now;
      logger?.warn({ err: error, connectionName }, "redis connection error");
    }
  });
  return redis;
}

function defineCommandsUpFront(redis: Redis, defineCommands: ((redis: Redis) => void)[]): void {
  for (const define of defineCommands) define(redis);
  // A command defined later would fail only when a burst first calls it in a busy tick;
  // refusing it outright makes the omission fail at its first call, in any test.
  redis.defineCommand = (name: string) => {
    throw new Error(
      `Redis command ${name} must be defined when its auto-pipelining connection is created`,
    );
  };
}

/** Subscriber connections cannot run ordinary commands, so they are always separate. */
export function createRedisSubscriber(options: CreateRedisOptions): Redis {
  return createRedis({
    ...options,
    connectionName: `${options.connectionName}:sub`,
    options: { ...options.options, maxRetriesPerRequest: null },
  });
}

export async function pingRedis(redis: Redis): Promise<boolean> {
  try {
    await redis.ping();
    return true;
  } catch {
    return false;
  }
}

/** QUIT when connected (lets replies drain); otherwise drop the socket so shutdown never hangs. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "ready") {
    await Promise.race([
      redis.quit().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
    ]);
  }
  redis.disconnect();
}
