export * from "./browser";
export { renderShowCalendar } from "./calendar";
export { ticketEnvFields } from "./env-fields";
export {
  exitOnPublishedTicketKeys,
  publishedTicketKeyIssues,
  ticketKeyRing,
} from "./ticket-key-ring";
export type { CalendarShow } from "./calendar";
export {
  createTicketSigner,
  createTicketSignerFromSeed,
  keyIdOf,
  verifyTicketCode,
} from "./ticket-signing";
export type { TicketCodeCheck, TicketPublicKey, TicketSigner } from "./ticket-signing";
export { ticketWords } from "./ticket-words";
export type { TicketWords } from "./ticket-words";
