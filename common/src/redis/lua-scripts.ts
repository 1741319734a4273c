import type { RedisClient } from "./index";

/** A Lua script as ioredis runs it: a command name, how many arguments are KEYS, the code. */
export interface LuaScript {
  command: string;
  numberOfKeys: number;
  lua: string;
}

type ScriptCommand = (...args: (string | number)[]) => Promise<unknown>;

/**
 * Registers scripts on a connection, each once (ioredis sends EVALSHA and falls back to
 * EVAL when Redis does not know the script yet, e.g. after a restart). An auto-pipelining
 * connection needs its scripts defined when it is created (see createRedis).
 */
export function defineLuaScripts(redis: RedisClient, scripts: readonly LuaScript[]): void {
  for (const { command, numberOfKeys, lua } of scripts) {
    if (!(command in redis)) redis.defineCommand(command, { numberOfKeys, lua });
  }
}

/** Runs a script (defining it on first use); the reply is the caller's to check with zod. */
export function runLuaScript(
  redis: RedisClient,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  defineLuaScripts(redis, [script]);
  const run = (redis as unknown as Record<string, ScriptCommand | undefined>)[script.command];
  if (run === undefined) throw new Error(`Lua script ${script.command} is not defined`);
  return run.apply(redis, [...keys, ...args]);
}
