// @ticketping/common/queue/client: what a browser needs to speak the waiting room's
// protocol (codes and their messages, the position formula, the event types) and nothing
// that signs or verifies tokens, so a client bundle never carries that code. Nor zod: the
// presale code's schema is @ticketping/common/queue/presale-code, for the one form that
// checks a code, so the seat map and the line do not load zod with their socket.
export * from "./codes";
export * from "./position";
export * from "./wait-estimate";
export type {
  AckError,
  Ack,
  AdmittedNotice,
  ClientEvents,
  HandshakeAuth,
  LeaveResult,
  PerformanceRequest,
  PreQueueRound,
  QueueProgress,
  QueueStanding,
  ReleasedNotice,
  SalePhase,
  ServerEvents,
  WorkingTokenGrant,
} from "./protocol";
