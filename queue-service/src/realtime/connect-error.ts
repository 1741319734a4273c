import type { ExtendedError } from "socket.io";
import type { ConnectErrorCode } from "@ticketping/common/queue";

const connectErrorMessages: Record<ConnectErrorCode, string> = {
  UNAUTHENTICATED: "A valid queue ticket is required.",
  TICKET_ALREADY_USED: "This queue ticket was already used. Fetch a new one.",
  RATE_LIMITED: "Too many connections from your network. Please wait a moment.",
  SERVICE_UNAVAILABLE: "The waiting room is temporarily unavailable. Please try again shortly.",
};

/** A refused handshake: the client's connect_error carries `data.code` (and any extra). */
export function connectError(
  code: ConnectErrorCode,
  extra: Record<string, unknown> = {},
): ExtendedError {
  const error: ExtendedError = new Error(connectErrorMessages[code]);
  error.data = { code, ...extra };
  return error;
}
