import type { QueueErrorCode } from "@ticketping/common/queue";

/** An expected failure of a client request, answered as `{error: {code, message}}`. */
export class QueueRequestError extends Error {
  constructor(
    readonly code: QueueErrorCode,
    message: string = code,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = "QueueRequestError";
  }
}
