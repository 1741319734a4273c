import type { ExtendedError } from "socket.io";
import {
  handshakeAuthSchema,
  verifyQueueTicket,
  type ConnectErrorCode,
} from "@ticketping/common/queue";
import type { QueueSocket } from "./types";

const connectErrorMessages: Record<ConnectErrorCode, string> = {
  UNAUTHENTICATED: "A valid queue ticket is required.",
};

function connectError(code: ConnectErrorCode): ExtendedError {
  const error: ExtendedError = new Error(connectErrorMessages[code]);
  error.data = { code };
  return error;
}

function clientIp(socket: QueueSocket, trustProxy: boolean): string {
  const forwarded = socket.handshake.headers["x-forwarded-for"];
  if (trustProxy && typeof forwarded === "string") {
    const first = forwarded.split(",")[0]?.trim();
    if (first) return first;
  }
  return socket.handshake.address;
}

/** io.use middleware: no valid ticket, no socket. Puts the user into socket.data. */
export function authenticateWithTicket(options: { ticketSecret: string; trustProxy: boolean }) {
  return (socket: QueueSocket, next: (error?: ExtendedError) => void): void => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      next(connectError("UNAUTHENTICATED"));
      return;
    }
    verifyQueueTicket({ secret: options.ticketSecret, ticket: auth.data.ticket }).then(
      ({ userId }) => {
        socket.data.userId = userId;
        socket.data.ip = clientIp(socket, options.trustProxy);
        socket.data.performances = new Set();
        next();
      },
      () => {
        next(connectError("UNAUTHENTICATED"));
      },
    );
  };
}
