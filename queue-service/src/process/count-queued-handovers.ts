import type { Worker } from "node:cluster";
import { Socket } from "node:net";

/** @socket.io/sticky's count of a process's connections, which least-connection reads. */
type CountedWorker = Worker & { clientsCount?: number };

/**
 * Counts a connection against its queue process from the moment the primary hands it
 * over, not only once the process reports its Socket.IO session. Node passes a process one
 * descriptor at a time, each after the process acknowledged the last, so a crowd's
 * handovers queue in the primary; counted only when connected, every connection of a burst
 * went to the first process (all at 0, ties to the first) while the others idled. A
 * handover leaves the count once its descriptor is written: sticky counts it again when
 * the process reports the session.
 */
export function countQueuedHandovers(worker: CountedWorker): void {
  const send = worker.send.bind(worker) as (...args: unknown[]) => boolean;
  worker.send = (...args: unknown[]) => {
    const [, handle, callback] = args;
    if (handle instanceof Socket) {
      worker.clientsCount = (worker.clientsCount ?? 0) + 1;
      args[2] = (error: Error | null) => {
        worker.clientsCount = (worker.clientsCount ?? 0) - 1;
        if (typeof callback === "function") (callback as (error: Error | null) => void)(error);
      };
    }
    return send(...args);
  };
}
