import type { Worker } from "node:cluster";
import { Socket } from "node:net";

interface StreamHandle {
  readStop: () => number;
}

/**
 * Makes the primary stop reading a connection the moment it hands the connection to a
 * queue process. Node keeps the sender's descriptor open, and reading, until the receiver
 * acknowledges the handle; whatever arrives meanwhile is read by the primary and dropped
 * (a known Node behaviour with sockets passed between processes). The client answers the
 * server's first packet at once, so that packet (Socket.IO's CONNECT, with the ticket or
 * the session's performance) could be lost and the buyer's connect would hang for ever.
 * Stopping the read leaves every byte after the first request to the queue process.
 * Node offers no public call for it: net.Socket.pause() only stops emitting, not reading.
 */
export function stopReadingOnHandover(worker: Worker): void {
  const send = worker.send.bind(worker) as (...args: unknown[]) => boolean;
  worker.send = (...args: unknown[]) => {
    const [, handle] = args;
    if (handle instanceof Socket) {
      (handle as unknown as { _handle?: StreamHandle | null })._handle?.readStop();
    }
    return send(...args);
  };
}
