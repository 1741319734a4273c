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
