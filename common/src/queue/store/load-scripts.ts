import { readFileSync } from "node:fs";
import type { Redis } from "ioredis";

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

const luaDirectory = new URL("../lua/", import.meta.url);
const includeDirective = /^--\s*@include\s+"([a-z-]+)"\s*$/gm;
const sources = new Map<QueueScriptName, string>();
const prepared = new WeakSet<Redis>();

/** A script's source with its `-- @include "name"` lines replaced by includes/name.lua. */
export function queueScriptSource(name: QueueScriptName): string {
  let source = sources.get(name);
  if (source === undefined) {
    source = readFileSync(new URL(`${name}.lua`, luaDirectory), "utf8").replace(
      includeDirective,
      (_line, include: string) =>
        readFileSync(new URL(`includes/${include}.lua`, luaDirectory), "utf8"),
    );
    sources.set(name, source);
  }
  return source;
}

function commandName(name: QueueScriptName): string {
  return `ticketpingQueue_${name.replace("-", "_")}`;
}

/**
 * Registers every queue script on a connection once (ioredis sends EVALSHA and falls back
 * to EVAL when Redis does not know the script yet, e.g. after a restart).
 */
export function defineQueueScripts(redis: Redis): void {
  if (prepared.has(redis)) return;
  for (const [name, numberOfKeys] of Object.entries(queueScripts)) {
    redis.defineCommand(commandName(name as QueueScriptName), {
      numberOfKeys,
      lua: queueScriptSource(name as QueueScriptName),
    });
  }
  prepared.add(redis);
}

type ScriptCommand = (...args: (string | number)[]) => Promise<unknown>;

export async function runQueueScript(
  redis: Redis,
  name: QueueScriptName,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  defineQueueScripts(redis);
  const command = (redis as unknown as Record<string, ScriptCommand | undefined>)[
    commandName(name)
  ];
  if (command === undefined) throw new Error(`queue script ${name} is not defined`);
  return command.apply(redis, [...keys, ...args]);
}
