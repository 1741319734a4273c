// Prisma reports database errors as PrismaClientKnownRequestError with the driver's
// details under meta.driverAdapterError.cause. These helpers read that shape by duck
// typing, because instanceof fails when a bundler duplicates the generated client.

/** The unique index that makes a double sale impossible (see schema.prisma). */
export const SEAT_HOLD_CONSTRAINT = "reservation_seats_seat_id_active_key";

/** What the database raises for a hold of a cancelled show (migration ..._organizer_refunds). */
export const SHOW_CANCELLED_SQLSTATE = "TP001";

interface DriverErrorCause {
  kind?: string;
  originalCode?: string;
  originalMessage?: string;
  constraint?: { index?: string; fields?: string[] };
}

/** Driver adapter error kinds that mean "no database right now", not "bad query". */
const UNREACHABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);

const POOL_CONNECTION_LOST =
  /^(Connection terminated unexpectedly|Connection terminated due to connection timeout|timeout exceeded when trying to connect)$/;

interface KnownRequestErrorLike {
  code: string;
  meta?: { driverAdapterError?: { cause?: DriverErrorCause } };
}

function asKnownRequestError(error: unknown): KnownRequestErrorLike | undefined {
  if (
    error instanceof Error &&
    error.name === "PrismaClientKnownRequestError" &&
    "code" in error &&
    typeof error.code === "string"
  ) {
    return error as Error & KnownRequestErrorLike;
  }
  return undefined;
}

function driverCause(error: unknown): DriverErrorCause | undefined {
  return asKnownRequestError(error)?.meta?.driverAdapterError?.cause;
}

/** A unique constraint failed; pass `constraint` to require that particular index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (asKnownRequestError(error)?.code !== "P2002") return false;
  return constraint === undefined || driverCause(error)?.constraint?.index === constraint;
}

/**
 * Another live reservation already holds one of the seats. The whole statement (and
 * so a multi-seat hold done in one create or transaction) was rolled back.
 */
export function isSeatAlreadyHeld(error: unknown): boolean {
  return isUniqueViolation(error, SEAT_HOLD_CONSTRAINT);
}

/**
 * A CHECK constraint or one of the integrity triggers refused the write (SQLSTATE
 * 23514), e.g. reviving an EXPIRED reservation or writing seats.status directly.
 */
export function isIntegrityRuleViolation(error: unknown): boolean {
  return driverCause(error)?.originalCode === "23514";
}

/**
 * The database refused to end a PENDING reservation that has a completed payment
 * (expire, fail or release it): paid seats stay the buyer's until the payment confirms
 * them. See migration ..._paid_means_yours.
 */
export function isPaidHoldRefusal(error: unknown): boolean {
  const cause = driverCause(error);
  return (
    cause?.originalCode === "23514" &&
    (cause.originalMessage ?? "").includes("has a completed payment")
  );
}

/** The CHECK constraint of that name refused the write (its name is in PostgreSQL's message). */
export function isCheckViolation(error: unknown, constraint: string): boolean {
  const cause = driverCause(error);
  return cause?.originalCode === "23514" && (cause.originalMessage ?? "").includes(constraint);
}

/**
 * PostgreSQL cannot be reached or is restarting: refused or dropped connections, an
 * administrator's shutdown (SQLSTATE 57P01-57P03), connection failures (class 08), too
 * many connections, a pooled connection lost mid-query, or Prisma's own "can't reach"
 * and pool timeout. Also an interactive transaction that could not start within its
 * maxWait or ran past its timeout (P2028; seen when a burst of sign-ups hashing passwords
 * kept the event loop busy): it was rolled back. Nothing was done; the same request may
 * succeed a moment later, so callers answer 503 and clients retry.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // node-postgres's own words for a pooled connection that died under the query; the
  // adapter passes them on unwrapped.
  if (error instanceof Error && POOL_CONNECTION_LOST.test(error.message)) return true;
  const known = asKnownRequestError(error);
  if (!known) return false;
  if (["P1001", "P1002", "P1017", "P2024", "P2028"].includes(known.code)) return true;
  const cause = driverCause(error);
  if (cause?.kind && UNREACHABLE_KINDS.has(cause.kind)) return true;
  const sqlState = cause?.originalCode ?? "";
  return /^(57P0[123]|08...|53300)$/.test(sqlState);
}

/**
 * Deadlock or serialization failure: safe to retry the whole transaction. Holding
 * several seats in ascending seat-id order avoids most deadlocks in the first place.
 */
export function isRetryableConflict(error: unknown): boolean {
  return asKnownRequestError(error)?.code === "P2034";
}
