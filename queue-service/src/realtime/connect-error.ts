import type { ExtendedError } from "socket.io";
import { presaleMessages, type ConnectErrorCode } from "@ticketping/common/queue";

const connectErrorMessages: Record<ConnectErrorCode, string> = {
  UNAUTHENTICATED: "A valid queue ticket or session is required.",
  TICKET_ALREADY_USED: "This queue ticket was already used. Fetch a new one.",
  RATE_LIMITED: "Too many attempts to enter the waiting room. Please wait a moment.",
  SERVICE_UNAVAILABLE: "The waiting room is temporarily unavailable. Please try again shortly.",
  UNKNOWN_PERFORMANCE: "This performance does not exist or has no waiting room.",
  EMAIL_NOT_VERIFIED: "Please confirm your email address before joining the line.",
  POW_REQUIRED: "This waiting room asks for a browser check first: fetch a queue ticket.",
  ...presaleMessages(),
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
