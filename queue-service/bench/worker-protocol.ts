import { z } from "zod";

/** Joins in flight per client process in the "everyone else joins" phase. */
export const REST_JOINS_IN_FLIGHT = 128;

/** What the orchestrator asks a client process to do, over the fork IPC channel. */
export const workerCommand = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("connect"),
    url: z.string(),
    count: z.number().int().min(0),
    /**
     * The loopback address this process connects from: one source address has only ~28,000
     * ephemeral ports towards one server port, fewer than the line's sockets.
     */
    localAddress: z.string(),
  }),
  z.object({
    type: z.literal("burst"),
    performanceId: z.string(),
    /** Sockets [from, to) join, evenly spread over durationMs; each ack is timed. */
    from: z.number().int(),
    to: z.number().int(),
    durationMs: z.number().int().positive(),
  }),
  z.object({
    type: z.literal("join"),
    performanceId: z.string(),
    from: z.number().int(),
    to: z.number().int(),
  }),
  z.object({
    type: z.literal("watch-progress"),
    /** Only broadcasts made after this server time (epoch ms) count. */
    after: z.number(),
    broadcasts: z.number().int().positive(),
    timeoutMs: z.number().int().positive(),
  }),
  z.object({ type: z.literal("close") }),
]);
export type WorkerCommand = z.infer<typeof workerCommand>;

export const workerReply = z.discriminatedUnion("type", [
  /** Sent once at start-up, after the (slow, transpiled) imports. */
  z.object({ type: z.literal("ready") }),
  z.object({ type: z.literal("connected"), count: z.number(), failed: z.number() }),
  z.object({
    type: z.literal("burst-done"),
    latenciesMs: z.array(z.number()),
    errors: z.record(z.string(), z.number()),
  }),
  z.object({ type: z.literal("joined"), errors: z.record(z.string(), z.number()) }),
  z.object({
    type: z.literal("progress-seen"),
    /** Per broadcast (its server time): delivery delay to each socket, ms. */
    broadcasts: z.array(z.object({ at: z.number(), delaysMs: z.array(z.number()) })),
  }),
  z.object({ type: z.literal("closed") }),
  z.object({ type: z.literal("failed"), message: z.string() }),
]);
export type WorkerReply = z.infer<typeof workerReply>;
