import type { Logger } from "@ticketping/common/logger";
import {
  performanceRequestSchema,
  queueErrorMessages,
  type Ack,
  type ClientEvents,
  type PerformanceRequest,
  type QueueErrorCode,
} from "@ticketping/common/queue";
import { QueueRequestError } from "./queue-request-error";

function failure(code: QueueErrorCode): { error: { code: QueueErrorCode; message: string } } {
  return { error: { code, message: queueErrorMessages[code] } };
}

/**
 * Wraps a request handler so that whatever arrives (no payload, a wrong shape, extra
 * fields, a handler that throws) the client gets exactly one `{data}` or `{error}` and the
 * server never crashes. A request without an acknowledgement callback is ignored: there is
 * nobody to answer.
 */
export function respond<Result>(options: {
  event: keyof ClientEvents;
  logger: Logger;
  /** Added to error logs (a child logger per socket would cost memory on every socket). */
  logContext: Record<string, unknown>;
  onError: (code: QueueErrorCode) => void;
  handle: (request: PerformanceRequest) => Promise<Result>;
}): (...args: unknown[]) => void {
  const { event, logger, logContext, onError, handle } = options;
  return (...args) => {
    const ack = args.at(-1);
    if (typeof ack !== "function") return;
    const answer = (reply: Ack<Result>): void => {
      (ack as (reply: Ack<Result>) => void)(reply);
    };
    // Exactly one payload, then the acknowledgement.
    const request = performanceRequestSchema.safeParse(args.length === 2 ? args[0] : undefined);
    if (!request.success) {
      onError("INVALID_PAYLOAD");
      answer(failure("INVALID_PAYLOAD"));
      return;
    }
    handle(request.data).then(
      (data) => {
        answer({ data });
      },
      (error: unknown) => {
        const code = error instanceof QueueRequestError ? error.code : "INTERNAL";
        if (code === "INTERNAL" || code === "SERVICE_UNAVAILABLE") {
          logger.error({ ...logContext, err: error, event }, "queue request failed");
        }
        onError(code);
        answer(failure(code));
      },
    );
  };
}
