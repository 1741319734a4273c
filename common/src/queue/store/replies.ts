import { z } from "zod";
import { refusalReasons, releaseReasons } from "../codes";
import { preQueueRounds, salePhases } from "../protocol";

// The scripts answer JSON; parsing it here turns a script bug into a clear error instead of
// a wrong number travelling to a client.

const progress = z.object({
  phase: z.enum(salePhases),
  servedSeq: z.number(),
  admittedTotal: z.number(),
  throughputPerSec: z.number(),
  waiting: z.number(),
  preQueued: z.number(),
  active: z.number(),
  maxActive: z.number(),
  admitRatePerSec: z.number(),
  opensAt: z.number(),
  closesAt: z.number(),
  generalPhase: z.enum(salePhases),
  generalOpensAt: z.number(),
  generalPreQueued: z.number(),
  pausedFromSeq: z.number(),
  at: z.number(),
});

const needSettings = z.object({ status: z.literal("need_settings") });

const standingVariants = [
  z.object({
    status: z.literal("waiting"),
    seq: z.number(),
    position: z.number(),
    rejoined: z.boolean(),
    progress,
  }),
  z.object({
    status: z.literal("pre"),
    round: z.enum(preQueueRounds),
    rejoined: z.boolean(),
    progress,
  }),
  z.object({
    status: z.literal("admitted"),
    claimBy: z.number(),
    rejoined: z.boolean(),
    progress,
  }),
  z.object({
    status: z.literal("active"),
    expiresAt: z.number(),
    extendable: z.boolean(),
    rejoined: z.boolean(),
    progress,
  }),
] as const;

export const joinReply = z.discriminatedUnion("status", [
  needSettings,
  z.object({ status: z.literal("refused"), reason: z.enum(refusalReasons) }),
  ...standingVariants,
]);

export type JoinReply = z.infer<typeof joinReply>;

export const statusReply = z.discriminatedUnion("status", [
  needSettings,
  z.object({ status: z.literal("not_in_queue") }),
  ...standingVariants,
]);

export const advanceReply = z.discriminatedUnion("status", [
  needSettings,
  z.object({ status: z.literal("skipped") }),
  z.object({
    status: z.literal("advanced"),
    progress,
    settingsLoadedAt: z.number(),
    opened: z.boolean(),
    generalOpened: z.boolean(),
    abandoned: z.number(),
    admitted: z.array(z.string()).default([]),
    claimBy: z.number().optional(),
  }),
]);

export const claimReply = z.discriminatedUnion("status", [
  needSettings,
  z.object({ status: z.literal("not_admitted") }),
  z.object({
    status: z.literal("claimed"),
    tokenId: z.string(),
    expiresAt: z.number(),
    extendable: z.boolean(),
  }),
]);

export const extendReply = z.discriminatedUnion("status", [
  needSettings,
  z.object({ status: z.literal("not_admitted") }),
  z.object({ status: z.literal("not_claimed") }),
  z.object({ status: z.literal("already_extended") }),
  z.object({ status: z.literal("extended"), tokenId: z.string(), expiresAt: z.number() }),
  z.object({ status: z.literal("extendable"), tokenId: z.string(), expiresAt: z.number() }),
]);

export const leaveReply = z.discriminatedUnion("status", [
  z.object({ status: z.literal("not_in_queue") }),
  z.object({
    status: z.literal("left"),
    from: z.enum(["waiting", "pre", "active"]),
    /** The working token's id, when a claimed turn was left. */
    tokenId: z.string().optional(),
  }),
]);

export const releaseReply = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("released"),
    reason: z.enum(releaseReasons),
    /** The claimed grant's token id, unless it had lapsed (Redis no longer knows it). */
    tokenId: z.string().optional(),
  }),
  z.object({ status: z.literal("alive") }),
  z.object({ status: z.literal("stale") }),
  z.object({ status: z.literal("not_active") }),
]);

export const sweepReply = z.object({
  checked: z.number(),
  released: z.array(z.string()).default([]),
});

export const disconnectReply = z.discriminatedUnion("status", [
  needSettings,
  z.object({ status: z.literal("connected"), sockets: z.number() }),
  z.object({ status: z.literal("grace"), until: z.number() }),
  z.object({ status: z.literal("gone") }),
]);

export const markPresalePendingReply = z.discriminatedUnion("status", [
  z.object({ status: z.literal("marked") }),
  z.object({ status: z.literal("in_line"), count: z.number().int().positive() }),
  z.object({ status: z.literal("cleared") }),
]);

export const statsReply = z.object({
  counters: z.record(z.string(), z.number()),
  progress: progress.optional(),
  pace: z.number().positive().optional(),
  paused: z.boolean().optional(),
});

export function parseReply<Schema extends z.ZodType>(
  schema: Schema,
  raw: unknown,
): z.infer<Schema> {
  if (typeof raw !== "string") throw new Error(`queue script answered ${typeof raw}, not JSON`);
  return schema.parse(JSON.parse(raw));
}

const joinFailure = z.object({ status: z.literal("error"), message: z.string() });

/**
 * The join script's answer for a batch: one reply per buyer, in order. A buyer whose join
 * failed in Redis, or whose reply does not parse, gets an Error of their own; the others
 * their replies.
 */
export function parseJoinReplies(raw: unknown, count: number): (JoinReply | Error)[] {
  if (typeof raw !== "string") throw new Error(`queue script answered ${typeof raw}, not JSON`);
  const replies: unknown = JSON.parse(raw);
  if (!Array.isArray(replies) || replies.length !== count) {
    throw new Error(`the join script answered ${raw.slice(0, 80)} for ${count} buyers`);
  }
  return replies.map((reply: unknown) => {
    const failure = joinFailure.safeParse(reply);
    if (failure.success) return new Error(`join failed in Redis: ${failure.data.message}`);
    const parsed = joinReply.safeParse(reply);
    return parsed.success ? parsed.data : new Error(`join reply: ${parsed.error.message}`);
  });
}
