import type { RedisClient } from "../../redis";
import { defineLuaScripts, runLuaScript, type LuaScript } from "../../redis/lua-scripts";
import { luaSources } from "../lua/lua.generated";

/** Each script and how many of its arguments are KEYS. */
export const queueScripts = {
  join: 8,
  status: 8,
  advance: 8,
  claim: 8,
  extend: 8,
  leave: 8,
  release: 8,
  sweep: 8,
  disconnect: 8,
  stats: 8,
  "put-settings": 1,
} as const;
export type QueueScriptName = keyof typeof queueScripts;

const scripts = Object.fromEntries(
  Object.entries(queueScripts).map(([name, numberOfKeys]) => [
    name,
    {
      command: `ticketpingQueue_${name.replace("-", "_")}`,
      numberOfKeys,
      lua: luaSources[name as QueueScriptName],
    },
  ]),
) as Record<QueueScriptName, LuaScript>;

/** A script's source, includes resolved (as Redis runs it). */
export function queueScriptSource(name: QueueScriptName): string {
  return scripts[name].lua;
}

/** Registers every queue script on a connection once. */
export function defineQueueScripts(redis: RedisClient): void {
  defineLuaScripts(redis, Object.values(scripts));
}

export function runQueueScript(
  redis: RedisClient,
  name: QueueScriptName,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  return runLuaScript(redis, scripts[name], keys, args);
}
