import { z } from "zod";

/** Sent by a queue process once it takes connections on the shared port. */
export const workerReadySchema = z.object({
  type: z.literal("queue:worker-ready"),
  /** The shared public port (all processes listen on it; port 0 resolves to one). */
  port: z.number().int().positive(),
  /** Loopback port where this process takes its sessions' requests from its siblings. */
  siblingPort: z.number().int().positive(),
});
export type WorkerReady = z.infer<typeof workerReadySchema>;

/** Sent by the primary to every process whenever the set of processes changes. */
export const siblingsSchema = z.object({
  type: z.literal("queue:siblings"),
  /** Proves a forwarded request came from a sibling, not from anyone on the host. */
  secret: z.string().min(32),
  ports: z.record(z.string(), z.number().int().positive()),
});
export type Siblings = z.infer<typeof siblingsSchema>;

/** Carries the siblings' secret on a request one process forwards to another. */
export const SIBLING_HEADER = "x-queue-sibling";

/** Sent by a queue process to the primary when its count of open connections or its intake changed. */
export const connectionCountSchema = z.object({
  type: z.literal("queue:connections"),
  count: z.number().int().min(0),
  /** Whether the process holds the shared listening handle (takes connections) now. */
  listening: z.boolean(),
  /** The last intake message it acted on (0: none yet). */
  seq: z.number().int().min(0),
});
export type ConnectionCount = z.infer<typeof connectionCountSchema>;

/**
 * Sent by the primary to a process: whether it should take connections, and every live
 * process's last reported count by worker id.
 */
export const intakeSchema = z.object({
  type: z.literal("queue:intake"),
  /** Increases with each message to the process, which echoes it once it acted on it. */
  seq: z.number().int().positive(),
  accept: z.boolean(),
  counts: z.record(z.string(), z.number().int().min(0)),
});
export type Intake = z.infer<typeof intakeSchema>;
