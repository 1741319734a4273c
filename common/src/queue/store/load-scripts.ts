import type { RedisClient } from "../../redis";
import { defineLuaScripts, runLuaScript, type LuaScript } from "../../redis/lua-scripts";
import { luaSources } from "../lua/lua.generated";

/** Each script and how many of its arguments are KEYS. */
export const queueScripts = {
  join: 10,
  status: 10,
  advance: 10,
  claim: 10,
  extend: 10,
  leave: 10,
  release: 10,
  sweep: 10,
  disconnect: 10,
  stats: 10,
  "put-settings": 2,
  "mark-presale-pending": 10,
  "forget-due-rounds": 1,
} as const;
export type QueueScriptName = keyof typeof queueScripts;

const scripts = Object.fromEntries(
  Object.entries(queueScripts).map(([name, numberOfKeys]) => [
    name,
    {
      command: `ticketpingQueue_${name.replaceAll("-", "_")}`,
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
