import type { Logger } from "@ticketping/common/logger";
import {
  performanceRequestSchema,
  queueErrorMessages,
  type Ack,
  type ClientEvents,
  type PerformanceRequest,
  type QueueErrorCode,
} from "@ticketping/common/queue";
import { isRedisUnavailableError } from "@ticketping/common/redis";
import { QueueRequestError } from "./queue-request-error";

/**
 * The code an error is answered with. Redis out of reach is SERVICE_UNAVAILABLE, which
 * the client retries, not INTERNAL: nothing is wrong with the request or with us.
 */
function codeOf(error: unknown): QueueErrorCode {
  if (error instanceof QueueRequestError) return error.code;
  return isRedisUnavailableError(error) ? "SERVICE_UNAVAILABLE" : "INTERNAL";
}

/** While Redis is down every request fails alike; one line every few seconds tells it. */
const UNAVAILABLE_LOG_INTERVAL_MS = 5_000;
let lastUnavailableLogAt = 0;

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
        const code = codeOf(error);
        if (code === "INTERNAL") {
          logger.error({ ...logContext, err: error, event }, "queue request failed");
        } else if (code === "SERVICE_UNAVAILABLE") {
          const now = Date.now();
          if (now - lastUnavailableLogAt >= UNAVAILABLE_LOG_INTERVAL_MS) {
            lastUnavailableLogAt = now;
            logger.error({ ...logContext, err: error, event }, "queue request failed");
          }
        }
        onError(code);
        answer(failure(code));
      },
    );
  };
}
