import "server-only";
import { REQUEST_ID_HEADER, requestIdFrom, withLogContext } from "@ticketping/common/logger";
import { env } from "@/env";
import { logger } from "../logger";
import { httpSeries } from "../metrics";
import { appErrorOf } from "./app-error-of";
import { refuseCrossSite } from "./cross-site";
import { recordBookingStep } from "./record-booking-step";
import { errorResponse } from "./responses";
import { routePattern } from "./route-pattern";

export interface RouteOptions {
  /**
   * Level of the one access line per request. "debug" for routes every buyer polls (the
   * seat map): counted in metrics, not worth a line each; their 5xx still log.
   */
  accessLog?: "info" | "debug";
  /**
   * "allow" only for a caller that proves itself another way (the Stripe webhook's
   * signature); every other state-changing request from another site is refused.
   */
  crossSite?: "refuse" | "allow";
  /**
   * True for an admitted buyer's step (seat map, hold, checkout, payment): its duration
   * paces the waiting room's admissions (record-booking-step.ts).
   */
  bookingStep?: boolean;
}

const publicOrigin = new URL(env.NEXTAUTH_URL).origin;

/**
 * Wraps a route handler so that every thrown error, AppError or not, becomes the
 * standard error response with the right status, and nothing internal leaks. A
 * state-changing request sent from another site is refused before the handler runs. Every
 * request gets an id (the caller's x-request-id when sane), echoed in the response and
 * present on every log line written while handling it, and is counted by route pattern,
 * status and error code.
 */
export function route<Context>(
  handler: (request: Request, context: Context) => Promise<Response>,
  { accessLog = "info", crossSite = "refuse", bookingStep = false }: RouteOptions = {},
): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    const started = performance.now();
    const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
    let errorCode: string | undefined;
    const response = await withLogContext({ requestId }, async () => {
      try {
        if (crossSite === "refuse") refuseCrossSite(request, publicOrigin);
        return await handler(request, context);
      } catch (error) {
        errorCode = appErrorOf(error).code;
        return errorResponse(error);
      }
    });
    const seconds = (performance.now() - started) / 1_000;
    const pattern = routePattern(pathOf(request), await paramsOf(context));
    const { method } = request;
    const status = response.status;
    // A refused caller (no session, no working token) is answered before any booking work:
    // counted, a flood of them would hide the admitted buyers' slowness.
    if (bookingStep && status !== 401 && status !== 403) recordBookingStep(seconds * 1_000);
    httpSeries.requests.inc({ method, route: pattern, status });
    httpSeries.duration.observe({ method, route: pattern }, seconds);
    if (errorCode) httpSeries.errors.inc({ route: pattern, code: errorCode });

    const level = status >= 500 ? "warn" : accessLog;
    if (logger.isLevelEnabled(level)) {
      logger[level](
        {
          requestId,
          method,
          route: pattern,
          status,
          durationMs: Math.round(seconds * 10_000) / 10,
          ...(errorCode ? { code: errorCode } : {}),
        },
        "request",
      );
    }
    return withHeader(response, REQUEST_ID_HEADER, requestId);
  };
}

function pathOf(request: Request): string {
  const nextUrl = (request as { nextUrl?: URL }).nextUrl;
  return nextUrl ? nextUrl.pathname : new URL(request.url).pathname;
}

async function paramsOf(
  context: unknown,
): Promise<Record<string, string | string[] | undefined> | undefined> {
  if (typeof context !== "object" || context === null || !("params" in context)) return undefined;
  const params: unknown = await context.params;
  return typeof params === "object" && params !== null
    ? (params as Record<string, string | string[] | undefined>)
    : undefined;
}

/** Response.redirect() and fetched responses have immutable headers: copy those. */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
