// What a browser may import (no Node.js modules): reading codes and references offline.
export { decodeBase32, encodeBase32 } from "./base32";
export {
  MAX_SEAT_LABEL_BYTES,
  parseTicketCode,
  seatLabelOf,
  TICKET_CODE_VERSION,
} from "./ticket-code-format";
export type { ParsedTicketCode, TicketClaims } from "./ticket-code-format";
export { ticketIdRangeOf, ticketReferenceOf } from "./ticket-reference";
