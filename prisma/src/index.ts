// @ticketping/db: the Prisma client, its generated types and enums, and the rules every
// service shares about the data. Server-only: it opens database connections.
export * from "./generated/client";
export { createPrismaClient, type CreatePrismaClientOptions } from "./client";
export { disconnectPrisma, getPrisma } from "./shared-client";
export { getDbEnv, type DbEnv } from "./env";
export { deleteReservations } from "./delete-reservations";
export {
  loadPrintableReservation,
  type LoadedPrintableReservation,
} from "./load-printable-reservation";
export { writeOutbox } from "./outbox";
export { ensureSaleFairness, type SaleFairnessSecrets } from "./sale-fairness";
export { uuidv7 } from "./uuidv7";
export { BURST_TRANSACTION_OPTIONS } from "./transaction-options";
export {
  seatLabelSelect,
  showOfSchedule,
  showOfScheduleSelect,
  type ShowOfSchedule,
} from "./show-of-schedule";
export {
  SEAT_HOLD_CONSTRAINT,
  SHOW_CANCELLED_SQLSTATE,
  isDatabaseUnavailable,
  isCheckViolation,
  isIntegrityRuleViolation,
  isPaidHoldRefusal,
  isRetryableConflict,
  isSeatAlreadyHeld,
  isUniqueViolation,
} from "./errors";

import type { Prisma } from "./generated/client";

/** The client inside `$transaction(async (tx) => ...)`. */
export type TransactionClient = Prisma.TransactionClient;
export { loadQueueEntryRules } from "./queue-entry-rules";
export { presaleCodeBook } from "./presale/presale-code-book";
export { spendPresaleCode, type PresaleSpend } from "./presale/spend-presale-code";
export { endPresaleTurn } from "./presale/end-presale-turn";
export { extendPresaleTurn } from "./presale/extend-presale-turn";
export { giveBackPresaleUseOfReservation } from "./presale/give-back-presale-use-of-reservation";
export { giveBackEndedPresaleTurns } from "./presale/give-back-ended-presale-turns";
