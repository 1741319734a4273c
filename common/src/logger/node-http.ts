import type { IncomingMessage, ServerResponse } from "node:http";
import type { Level, Logger } from "pino";
import { withLogContext } from "./log-context";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";

export interface LoggedRequestOptions {
  logger: Logger;
  /** Probes and scrapes arrive every few seconds: log them at debug, not info. */
  levelFor?: (path: string) => Level;
}

/**
 * Wraps a plain Node request handler: the request gets an id (the caller's x-request-id
 * when sane), echoed in the response, present on every log line written while handling
 * it, and one access log line when the answer is sent.
 */
export function withRequestLog(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  { logger, levelFor = () => "info" }: LoggedRequestOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    const path = request.url?.split("?")[0] ?? "";
    const started = performance.now();
    const level = levelFor(path);
    response.once("finish", () => {
      const status = response.statusCode;
      // A failing probe is news even when its successes are not.
      const lineLevel = status >= 500 && level !== "error" && level !== "fatal" ? "warn" : level;
      logger[lineLevel](
        {
          requestId,
          method: request.method,
          path,
          status,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        },
        "request",
      );
    });
    withLogContext({ requestId }, () => {
      handle(request, response);
    });
  };
}
