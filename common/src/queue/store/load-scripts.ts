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

// Each URL is a literal, built on first use: Next.js's bundler resolves only literal
// `new URL(..., import.meta.url)` paths to files it ships, and a page that merely imports
// this module must not read anything. Only server code and plain Node processes run these.
const scriptFiles: Record<QueueScriptName, () => URL> = {
  join: () => new URL("../lua/join.lua", import.meta.url),
  status: () => new URL("../lua/status.lua", import.meta.url),
  advance: () => new URL("../lua/advance.lua", import.meta.url),
  claim: () => new URL("../lua/claim.lua", import.meta.url),
  extend: () => new URL("../lua/extend.lua", import.meta.url),
  leave: () => new URL("../lua/leave.lua", import.meta.url),
  release: () => new URL("../lua/release.lua", import.meta.url),
  sweep: () => new URL("../lua/sweep.lua", import.meta.url),
  disconnect: () => new URL("../lua/disconnect.lua", import.meta.url),
  stats: () => new URL("../lua/stats.lua", import.meta.url),
  "put-settings": () => new URL("../lua/put-settings.lua", import.meta.url),
};
const includeFiles: Record<string, (() => URL) | undefined> = {
  queue: () => new URL("../lua/includes/queue.lua", import.meta.url),
  admission: () => new URL("../lua/includes/admission.lua", import.meta.url),
  members: () => new URL("../lua/includes/members.lua", import.meta.url),
};

const includeDirective = /^--\s*@include\s+"([a-z-]+)"\s*$/gm;
const sources = new Map<QueueScriptName, string>();
const prepared = new WeakSet<Redis>();

function readInclude(name: string): string {
  const file = includeFiles[name];
  if (!file) throw new Error(`unknown Lua include "${name}"`);
  return readFileSync(file(), "utf8");
}

/** A script's source with its `-- @include "name"` lines replaced by includes/name.lua. */
export function queueScriptSource(name: QueueScriptName): string {
  let source = sources.get(name);
  if (source === undefined) {
    source = readFileSync(scriptFiles[name](), "utf8").replace(
      includeDirective,
      (_line, include: string) => readInclude(include),
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
