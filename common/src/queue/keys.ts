import { performanceIdSchema, userIdSchema } from "./ids";

/**
 * Every Redis key of one performance's queue. They share the hash tag `{performanceId}`,
 * so on Redis Cluster they live in one slot and one Lua script may touch them all.
 */
export interface QueueKeys {
  performanceId: string;
  config: string;
  state: string;
  stats: string;
  waiting: string;
  pre: string;
  active: string;
  gone: string;
  conns: string;
  /** The sale's record for its fairness report (includes/queue.lua, appendRecord). */
  record: string;
  /** The general sale's pre-queue after a presale (buyers without a code). */
  generalPre: string;
  /** Prefix of the per-user grant hashes: `${grantPrefix}${userId}`. */
  grantPrefix: string;
}

function queueBase(keyPrefix: string, performanceId: string): string {
  return `${keyPrefix}queue:{${performanceIdSchema.parse(performanceId)}}:`;
}

export function queueKeys(keyPrefix: string, performanceId: string): QueueKeys {
  const base = queueBase(keyPrefix, performanceId);
  return {
    performanceId,
    config: `${base}config`,
    state: `${base}state`,
    stats: `${base}stats`,
    waiting: `${base}waiting`,
    pre: `${base}pre`,
    active: `${base}active`,
    gone: `${base}gone`,
    conns: `${base}conns`,
    record: `${base}record`,
    generalPre: `${base}general-pre`,
    grantPrefix: `${base}grant:`,
  };
}

/**
 * The organizer console's chart samples of one performance: a capped list written as the
 * console reads the performance's stats, and the mark that keeps two tabs from sampling the
 * same moment twice. Beside the queue's keys (same hash tag), so they go with them.
 */
export function chartKeys(
  keyPrefix: string,
  performanceId: string,
): { samples: string; lastSampled: string } {
  const base = queueBase(keyPrefix, performanceId);
  return { samples: `${base}chart`, lastSampled: `${base}chart:sampled` };
}

/** The KEYS of every queue script, in the order includes/queue.lua names them. */
export function queueScriptKeys(keys: QueueKeys): string[] {
  return [
    keys.config,
    keys.state,
    keys.stats,
    keys.waiting,
    keys.pre,
    keys.active,
    keys.gone,
    keys.conns,
    keys.record,
    keys.generalPre,
  ];
}

/** The grant of one admitted buyer: a hash whose expiry is the slot's expiry. */
export function grantKey(keyPrefix: string, performanceId: string, userId: string): string {
  return `${queueBase(keyPrefix, performanceId)}grant:${userIdSchema.parse(userId)}`;
}

/**
 * Performances with a live queue, scored by last activity, so every instance knows which
 * queues to tick. Not hash-tagged: it is only ever read and written on its own.
 */
export function queueIndexKey(keyPrefix: string): string {
  return `${keyPrefix}queue:index`;
}

/**
 * Sales with a round still to come (a general sale after a presale, or an opening), scored
 * by its instant in ms, so the ticker lists each on the live queues' index when its round
 * falls due instead of ticking it until then. One key of its own hash tag: read and written
 * only on its own (a script touches it alone), so it works on Redis Cluster.
 */
export function dueRoundsKey(keyPrefix: string): string {
  return `${keyPrefix}queue:{rounds}:due`;
}

/** Reads an expired key's name back into its queue and user; null for any other key. */
export function parseGrantKey(
  keyPrefix: string,
  key: string,
): { performanceId: string; userId: string } | null {
  const head = `${keyPrefix}queue:{`;
  if (!key.startsWith(head)) return null;
  const rest = key.slice(head.length);
  const match = /^([^}]+)\}:grant:(.+)$/.exec(rest);
  if (!match) return null;
  const performanceId = performanceIdSchema.safeParse(match[1]);
  const userId = userIdSchema.safeParse(match[2]);
  if (!performanceId.success || !userId.success) return null;
  return { performanceId: performanceId.data, userId: userId.data };
}

/**
 * Marks one queue ticket (by its jti) as used, until the ticket expires. Not hash-tagged:
 * a ticket belongs to no performance, and the key is only ever written on its own.
 */
export function usedTicketKey(keyPrefix: string, ticketId: string): string {
  return `${keyPrefix}queue-ticket:used:${ticketId}`;
}
