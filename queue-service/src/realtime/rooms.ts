import { createHash } from "node:crypto";

/**
 * A queue's waiters are spread over this many rooms. One emit to 20,000 sockets holds the
 * event loop for hundreds of milliseconds; shard by shard, joins and acks get their turn
 * in between (see createNotifier).
 */
export const PROGRESS_SHARDS = 32;

/** The progress room of one shard of a queue's waiters. */
export function queueShardRoom(performanceId: string, shard: number): string {
  return `queue:${performanceId}:${shard}`;
}

/** Which shard a socket's progress comes through: stable for the socket's lifetime. */
export function progressShardOf(socketId: string): number {
  return createHash("sha1").update(socketId).digest().readUInt16BE(0) % PROGRESS_SHARDS;
}
