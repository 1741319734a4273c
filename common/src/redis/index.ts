import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { Logger } from "pino";
import { parseRedisUrl } from "./redis-url";

export { Cluster, Redis } from "ioredis";
export { isRedisUnavailableError } from "./unavailable";
export { defineLuaScripts, runLuaScript, type LuaScript } from "./lua-scripts";
export { parseRedisUrl, redisUrlIssues, type RedisTarget } from "./redis-url";
export {
  listenForExpiredKeys,
  type ExpiredKeyListener,
  type ExpiredKeySource,
} from "./expired-keys";

/**
 * A connection to the system's Redis: one server, or a Redis Cluster (REDIS_URL lists
 * several nodes). Code that takes one may run single-key commands, and multi-key commands,
 * MULTI and Lua scripts only on keys of one hash tag (one cluster slot): the key builders
 * (queue/keys.ts, seats/keys.ts, rate-limit) give every group of keys used together a tag.
 */
export type RedisClient = Redis | Cluster;

/**
 * A command that gets no answer in this time is on a connection that hangs (a Redis that
 * stopped answering without closing the socket); ours take milliseconds.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;
/** Reconnection attempts back off up to this, so a returning Redis is used within it. */
export const REDIS_MAX_RECONNECT_DELAY_MS = 2_000;

export interface CreateRedisOptions {
  /** REDIS_URL: one redis:// URL, or a comma-separated list of a Redis Cluster's nodes. */
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
  autoPipelining?: { defineCommands: ((redis: RedisClient) => void)[] };
  /**
   * What a command does while Redis cannot be reached. "fail" (the default): it fails at
   * once (isRedisUnavailableError tells), so a buyer's request answers a retryable error
   * at once instead of hanging for the length of the outage. "wait": it waits for the
   * reconnection however long that takes, for callers that cannot handle a failure.
   */
  whileDisconnected?: "fail" | "wait";
}

const reconnectDelay = (attempt: number) => Math.min(attempt * 200, REDIS_MAX_RECONNECT_DELAY_MS);

/**
 * Every Redis connection of the system is made here so they share one retry policy:
 * reconnect with capped backoff for ever (a Redis restart must not kill the app), and
 * (unless `whileDisconnected: "wait"`) never hold a command for a reconnection. A URL
 * listing several nodes gives ioredis' Cluster client, with the same policy per node.
 */
export function createRedis({
  url,
  connectionName,
  logger,
  options,
  autoPipelining,
  whileDisconnected = "fail",
}: CreateRedisOptions): RedisClient {
  const target = parseRedisUrl(url);
  const perCommand =
    whileDisconnected === "fail"
      ? // A command in flight when the connection drops fails with it (not resent later).
        { maxRetriesPerRequest: 0, commandTimeout: REDIS_COMMAND_TIMEOUT_MS }
      : { maxRetriesPerRequest: null };
  const redis: RedisClient =
    target.kind === "single"
      ? new Redis(url, {
          connectionName,
          ...perCommand,
          // Needed at start-up: the first commands are issued before the first connection is up.
          enableOfflineQueue: true,
          retryStrategy: reconnectDelay,
          ...options,
          enableAutoPipelining: autoPipelining !== undefined,
        })
      : new Cluster(target.nodes, {
          enableOfflineQueue: true,
          clusterRetryStrategy: reconnectDelay,
          enableAutoPipelining: autoPipelining !== undefined,
          redisOptions: {
            connectionName,
            ...perCommand,
            ...(target.username === undefined ? {} : { username: target.username }),
            ...(target.password === undefined ? {} : { password: target.password }),
            ...(target.tls ? { tls: {} } : {}),
            ...options,
          },
        });
  if (whileDisconnected === "fail" && options?.enableOfflineQueue === undefined) {
    // Once connected, a lost connection must fail new commands at once rather than queue
    // them until it is back. ioredis reads this option at every command.
    redis.once("ready", () => {
      redis.options.enableOfflineQueue = false;
    });
  }
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

function defineCommandsUpFront(
  redis: RedisClient,
  defineCommands: ((redis: RedisClient) => void)[],
): void {
  for (const define of defineCommands) define(redis);
  // A command defined later would fail only when a burst first calls it in a busy tick;
  // refusing it outright makes the omission fail at its first call, in any test.
  redis.defineCommand = (name: string) => {
    throw new Error(
      `Redis command ${name} must be defined when its auto-pipelining connection is created`,
    );
  };
}

/**
 * Subscriber connections cannot run ordinary commands, so they are always separate. On a
 * cluster, PUBLISH reaches every node, so one subscription anywhere hears every message;
 * keyspace notifications do not travel that way: see listenForExpiredKeys.
 */
export function createRedisSubscriber(options: CreateRedisOptions): RedisClient {
  // Subscriptions are renewed by ioredis on reconnection; nothing to fail fast for.
  return createRedis({
    ...options,
    connectionName: `${options.connectionName}:sub`,
    whileDisconnected: "wait",
  });
}

export async function pingRedis(redis: RedisClient): Promise<boolean> {
  try {
    await redis.ping();
    return true;
  } catch {
    return false;
  }
}

/** QUIT when connected (lets replies drain); otherwise drop the socket so shutdown never hangs. */
export async function closeRedis(redis: RedisClient): Promise<void> {
  if (redis.status === "ready") {
    await Promise.race([
      redis.quit().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
    ]);
  }
  redis.disconnect();
}

/**
 * The servers holding the data: the client itself for one Redis; for a cluster, every
 * master as the client last saw the cluster (once it is connected). For what a cluster
 * does per node: SCAN, CONFIG, keyspace notifications.
 */
export async function masterNodes(redis: RedisClient): Promise<Redis[]> {
  if (!(redis instanceof Cluster)) return [redis];
  if (redis.status !== "ready") {
    await new Promise((resolve) => redis.once("ready", resolve));
  }
  return redis.nodes("master");
}
