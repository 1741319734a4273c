/**
 * A failed step with the stable code the report counts it under: the server's own code
 * (`SEAT_UNAVAILABLE`, `LINE_FULL`...), `HTTP_<status>` for an answer without one, or the
 * client's (`TIMEOUT`, `ECONNRESET`, `BAD_RESPONSE`...).
 */
export class StepError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "StepError";
  }
}

/** The code an error is counted under. */
export function errorCode(error: unknown): string {
  if (error instanceof StepError) return error.code;
  if (error instanceof Error && error.name === "AbortError") return "ABORTED";
  return "CLIENT_ERROR";
}
