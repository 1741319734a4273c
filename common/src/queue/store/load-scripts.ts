import type { RedisClient } from "../../redis";
import { defineLuaScripts, runLuaScript, type LuaScript } from "../../redis/lua-scripts";
import { luaSources } from "../lua/lua.generated";

/** Each script and how many of its arguments are KEYS. */
export const queueScripts = {
  join: 9,
  status: 9,
  advance: 9,
  claim: 9,
  extend: 9,
  leave: 9,
  release: 9,
  sweep: 9,
  disconnect: 9,
  stats: 9,
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
