/** Why a join was refused at once instead of queueing the buyer for nothing. Stable. */
export const refusalReasons = [
  "UNKNOWN_PERFORMANCE",
  "SALE_CLOSED",
  "SOLD_OUT",
  "LINE_FULL",
  "NOT_OPEN_YET",
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/**
 * Why a buyer was kept out of a presale's line (at either door) or refused the working
 * token at the claim (the code was spent by another holder, or revoked, meanwhile). Stable.
 */
export const presaleRefusals = [
  /** The sale is in its presale and no code came with the entry. */
  "PRESALE_CODE_REQUIRED",
  /** No such code for this performance, or the organizer revoked it. */
  "PRESALE_CODE_INVALID",
  /** Every use of the code is spent. */
  "PRESALE_CODE_USED_UP",
] as const;
export type PresaleRefusal = (typeof presaleRefusals)[number];

/** Every error code an acknowledgement can carry. Stable: clients switch on them. */
export const queueErrorCodes = [
  ...refusalReasons,
  "INVALID_PAYLOAD",
  "RATE_LIMITED",
  "NOT_IN_QUEUE",
  "NOT_ADMITTED",
  "NOT_CLAIMED",
  "ALREADY_EXTENDED",
  "TOO_MANY_SOCKETS",
  "OTHER_PERFORMANCE",
  ...presaleRefusals,
  "SERVICE_UNAVAILABLE",
  "INTERNAL",
] as const;
export type QueueErrorCode = (typeof queueErrorCodes)[number];

/** Why a working slot ended. */
export const releaseReasons = ["expired", "confirmed", "left", "revoked"] as const;
export type ReleaseReason = (typeof releaseReasons)[number];

/** The handshake's connect_error carries one of these in `err.data.code`. Stable. */
export const connectErrorCodes = [
  "UNAUTHENTICATED",
  /** The ticket was already used for a handshake: fetch a fresh one. */
  "TICKET_ALREADY_USED",
  /** Too many handshakes from this address; `err.data.retryAfterSeconds` says when. */
  "RATE_LIMITED",
  /** Redis could not record the ticket's use; try again shortly. */
  "SERVICE_UNAVAILABLE",
  /** Session door: no performance with a line has this id. */
  "UNKNOWN_PERFORMANCE",
  /** Session door: this line takes buyers with a confirmed email address only. */
  "EMAIL_NOT_VERIFIED",
  /** Session door: this line asks a proof of work and the buyer holds no entry pass yet. */
  "POW_REQUIRED",
  /** Session door: the sale is in its presale; see presaleRefusals. */
  ...presaleRefusals,
] as const;
export type ConnectErrorCode = (typeof connectErrorCodes)[number];

export const queueErrorMessages: Record<QueueErrorCode, string> = {
  UNKNOWN_PERFORMANCE: "This performance does not exist or is not on sale.",
  SALE_CLOSED: "The sale for this performance has closed.",
  SOLD_OUT: "This performance is sold out.",
  LINE_FULL: "The line is already far longer than the seats left. Please try again later.",
  NOT_OPEN_YET: "The waiting room for this performance is not open yet.",
  INVALID_PAYLOAD: "The request is not valid.",
  RATE_LIMITED: "Too many requests. Please slow down.",
  NOT_IN_QUEUE: "You are not in this queue.",
  NOT_ADMITTED: "It is not your turn yet.",
  NOT_CLAIMED: "Claim your working token first.",
  ALREADY_EXTENDED: "Your booking time has already been extended once.",
  TOO_MANY_SOCKETS: "This performance is already open in too many tabs. Close one and try again.",
  OTHER_PERFORMANCE: "This connection was opened for another performance. Reload the page.",
  ...presaleMessages(),
  SERVICE_UNAVAILABLE: "The waiting room is temporarily unavailable. Please try again shortly.",
  INTERNAL: "Something went wrong on our side.",
};

/** What each presale refusal tells the buyer; the web app's answers say the same. */
export function presaleMessages(): Record<PresaleRefusal, string> {
  return {
    PRESALE_CODE_REQUIRED: "This sale is in its presale: enter your presale code to join the line.",
    PRESALE_CODE_INVALID: "This presale code is not valid for this performance.",
    PRESALE_CODE_USED_UP: "This presale code has been used up.",
  };
}
