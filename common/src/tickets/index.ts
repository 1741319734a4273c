export { decodeBase32, encodeBase32 } from "./base32";
export {
  MAX_SEAT_LABEL_BYTES,
  parseTicketCode,
  seatLabelOf,
  TICKET_CODE_VERSION,
} from "./ticket-code-format";
export type { ParsedTicketCode, TicketClaims } from "./ticket-code-format";
export {
  createTicketSigner,
  createTicketSignerFromSeed,
  keyIdOf,
  verifyTicketCode,
} from "./ticket-signing";
export type { TicketCodeCheck, TicketPublicKey, TicketSigner } from "./ticket-signing";
export { ticketIdRangeOf, ticketReferenceOf } from "./ticket-reference";
