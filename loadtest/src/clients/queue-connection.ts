import { io, type Socket } from "socket.io-client";
import type {
  Ack,
  AdmittedNotice,
  ClientEvents,
  LeaveResult,
  QueueProgress,
  QueueStanding,
  ReleasedNotice,
  ServerEvents,
  WorkingTokenGrant,
} from "@ticketping/common/queue";
import { StepError } from "./step-error";

type QueueSocket = Socket<ServerEvents, ClientEvents>;

export interface QueueListeners {
  progress?: (progress: QueueProgress) => void;
  admitted?: (notice: AdmittedNotice) => void;
  released?: (notice: ReleasedNotice) => void;
  /** The connection dropped without this side closing it. */
  dropped?: (reason: string) => void;
}

/**
 * One buyer's socket to the waiting room, opened as the browser opens it: websocket only,
 * with the ticket from the web app (or, at the session door, the performance in `auth` and
 * the session cookie on the handshake's request, as the browser sends it); every request
 * answered by an ack (`{data}` or `{error}`).
 */
export class QueueConnection {
  private closing = false;

  private constructor(
    private readonly socket: QueueSocket,
    private readonly ackTimeoutMs: number,
  ) {}

  static async open({
    url,
    auth,
    cookie,
    listeners,
    ackTimeoutMs,
    signal,
    localAddress,
  }: {
    url: string;
    auth: { ticket: string } | { performanceId: string } | Record<string, never>;
    cookie?: string;
    listeners: QueueListeners;
    ackTimeoutMs: number;
    signal?: AbortSignal;
    /** The loopback address to connect from (a client process's own; the default one if unset). */
    localAddress?: string;
  }): Promise<QueueConnection> {
    signal?.throwIfAborted();
    const socket: QueueSocket = io(url, {
      auth,
      transports: ["websocket"],
      ...(cookie ? { extraHeaders: { cookie } } : {}),
      ...(localAddress ? { localAddress } : {}),
      // One connection per buyer, as one browser tab each would have.
      forceNew: true,
      // A dropped buyer comes back with a fresh ticket (the page's loop), not the old one.
      reconnection: false,
      timeout: ackTimeoutMs,
    });
    const connection = new QueueConnection(socket, ackTimeoutMs);
    const { progress, admitted, released, dropped } = listeners;
    if (progress) socket.on("queue:progress", progress);
    if (admitted) socket.on("queue:admitted", admitted);
    if (released) socket.on("queue:released", released);
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        socket.disconnect();
        reject(new StepError("ABORTED", "run stopped while connecting"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      socket.once("connect", () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
      socket.once("connect_error", (error: Error & { data?: { code?: unknown } }) => {
        signal?.removeEventListener("abort", onAbort);
        socket.disconnect();
        const code = typeof error.data?.code === "string" ? error.data.code : "CONNECT_FAILED";
        reject(new StepError(code, error.message));
      });
    });
    socket.on("disconnect", (reason) => {
      if (!connection.closing) dropped?.(reason);
    });
    return connection;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  join(performanceId: string): Promise<QueueStanding> {
    return this.request("queue:join", performanceId);
  }

  status(performanceId: string): Promise<QueueStanding> {
    return this.request("queue:status", performanceId);
  }

  claim(performanceId: string): Promise<WorkingTokenGrant> {
    return this.request("queue:claim", performanceId);
  }

  leave(performanceId: string): Promise<LeaveResult> {
    return this.request("queue:leave", performanceId);
  }

  /** Closes the socket from this side (a tab being closed). */
  close(): void {
    this.closing = true;
    this.socket.disconnect();
  }

  private async request<T>(
    event: "queue:join" | "queue:status" | "queue:claim" | "queue:extend" | "queue:leave",
    performanceId: string,
  ): Promise<T> {
    if (!this.socket.connected) throw new StepError("DISCONNECTED", `${event} on a closed socket`);
    let reply: Ack<unknown>;
    try {
      reply = (await this.socket
        .timeout(this.ackTimeoutMs)
        .emitWithAck(event, { performanceId })) as Ack<unknown>;
    } catch {
      throw new StepError("TIMEOUT", `${event}: no acknowledgement in time`);
    }
    if ("error" in reply) throw new StepError(reply.error.code, reply.error.message);
    return reply.data as T;
  }
}
