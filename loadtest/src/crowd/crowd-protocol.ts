import { z } from "zod";
import { buyerOutcomes, type BuyerOutcome, type BuyerResult } from "../buyer/context";
import type { BuyerPlan } from "../buyer/plan";
import { stepNames, type StepName } from "../metrics/steps";

const outcome = z.enum(Object.keys(buyerOutcomes) as [BuyerOutcome, ...BuyerOutcome[]]);
const step = z.enum(stepNames as [StepName, ...StepName[]]);

export const buyerResultSchema = z.object({
  userId: z.string(),
  outcome,
  code: z.string().optional(),
  failedStep: z.string().optional(),
  admitted: z.boolean(),
  reservationId: z.string().optional(),
  seatIds: z.array(z.string()).optional(),
  paid: z.boolean(),
  paidAtMs: z.number().optional(),
  lapsed: z.boolean(),
  seenStatus: z.string().optional(),
}) satisfies z.ZodType<BuyerResult>;

const planSchema = z.object({
  intent: z.enum(["buy", "abandon"]),
  abandonAfterMs: z.number(),
  abandonBy: z.enum(["leave", "close"]),
  seatCount: z.number().int(),
}) satisfies z.ZodType<BuyerPlan>;

const settingsSchema = z.object({
  webUrl: z.string(),
  door: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("session"), queueUrl: z.string() }),
    z.object({ kind: z.literal("ticket") }),
  ]),
  sale: z.object({ performanceId: z.string(), scheduleId: z.string() }),
  holdTtlSeconds: z.number(),
  lapseRate: z.number(),
  timeLimitSeconds: z.number(),
  ackTimeoutMs: z.number(),
  httpTimeoutMs: z.number(),
});

/** What a client process counted itself: its share of the run's totals. */
export const shareCountsSchema = z.object({
  buyers: z.number().int(),
  outcomes: z.record(z.string(), z.number().int()),
  /** Successful step samples it recorded, and its bare handshakes that succeeded. */
  stepSamples: z.number().int(),
  bareOk: z.number().int(),
});
export type ShareCounts = z.infer<typeof shareCountsSchema>;

const recorderSnapshotSchema = z.object({
  samples: z.array(z.tuple([step, z.array(z.tuple([z.number(), z.number()]))])),
  errors: z.array(z.tuple([step, z.array(z.tuple([z.string(), z.number()]))])),
  queueWaitsMs: z.array(z.number()),
  loopLag: z.array(z.tuple([z.number(), z.number()])),
});

/** What the load generator asks a client process to do, over the fork IPC channel. */
export const crowdCommand = z.discriminatedUnion("type", [
  /** Opens `count` sockets to the bare reference at once and keeps them until bare-close. */
  z.object({
    type: z.literal("bare-open"),
    url: z.string(),
    count: z.number().int().min(0),
    timeoutMs: z.number(),
    localAddress: z.string(),
  }),
  z.object({ type: z.literal("bare-close") }),
  /** Runs these buyers; answered by crowd-done once every one of them has ended. */
  z.object({
    type: z.literal("crowd"),
    settings: settingsSchema,
    identities: z.array(z.object({ userId: z.string(), cookie: z.string() })),
    plans: z.array(planSchema),
    httpConnections: z.number().int().positive(),
    localAddress: z.string(),
    /** When the run started (epoch ms): every process's recorder counts from it. */
    originEpochMs: z.number(),
    seed: z.number().int(),
  }),
  /** Ends the buyers still busy (Ctrl-C); the pending crowd command still answers. */
  z.object({ type: z.literal("stop") }),
  z.object({ type: z.literal("close") }),
]);
export type CrowdCommand = z.infer<typeof crowdCommand>;

export const crowdReply = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready") }),
  z.object({
    type: z.literal("bare-opened"),
    samples: z.array(z.object({ endMs: z.number(), durationMs: z.number() })),
  }),
  z.object({ type: z.literal("bare-closed") }),
  // Streamed while the buyers run:
  z.object({ type: z.literal("finished"), index: z.number().int(), result: buyerResultSchema }),
  z.object({ type: z.literal("working-set"), active: z.number() }),
  z.object({ type: z.literal("log"), line: z.string() }),
  z.object({
    type: z.literal("crowd-done"),
    recorder: recorderSnapshotSchema,
    counts: shareCountsSchema,
  }),
  z.object({ type: z.literal("closed") }),
  z.object({ type: z.literal("failed"), message: z.string() }),
]);
export type CrowdReply = z.infer<typeof crowdReply>;

/** Replies a client process streams while it works, not answers to a command. */
export const streamedReplies = new Set<CrowdReply["type"]>(["finished", "working-set", "log"]);
