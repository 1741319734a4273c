import cluster from "node:cluster";
import { setupWorker } from "@socket.io/sticky";
import type { QueueServer } from "../realtime/types";

/** Sent by a worker process once it can take connections. */
export interface WorkerReady {
  type: "queue:worker-ready";
}

export function isWorkerReady(message: unknown): message is WorkerReady {
  return (
    typeof message === "object" &&
    message !== null &&
    (message as { type?: unknown }).type === "queue:worker-ready"
  );
}

/**
 * In a worker of the primary (primary.ts), takes the connections the primary hands over
 * instead of listening on a port. Answers false in a process of its own.
 */
export function joinPrimary(io: QueueServer): boolean {
  if (!cluster.isWorker) return false;
  setupWorker(io);
  return true;
}
