import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@ticketping/common/errors";
import { verifyWorkingTokenSignature } from "@ticketping/common/queue";
import { env } from "@/env";
import { SESSION_COOKIE } from "@/server/auth/session-cookie";
import { recallSchedulePerformance } from "@/server/booking/gate/schedule-performances";
import {
  queueTokenRequiredDetails,
  readCookie,
  readWorkingToken,
} from "@/server/booking/gate/transport";
import { withPagePolicy } from "@/server/http/with-page-policy";

/**
 * The booking gate's first line: a booking API call without a working token that our
 * secret signed (and that has not expired) is refused here, before any route code, Redis
 * or database work. The routes check every token in full (signature, performance, buyer,
 * slot not revoked), so what the matchers below let through unchecked is still checked.
 *
 * Invoking the proxy costs more per request than the route's own check of a token (the
 * route verifies every token in full anyway), and the seat map, which every admitted
 * buyer polls every 2 s, lost a large share of its throughput to it (the web benchmark's
 * figures: BENCHMARKS.md, "Web: seat map and holds"). Holds come in bursts the size of
 * the working set when a sale opens. So the matchers send here only
 * the requests that carry no token at all, the ones a crowd of buyers who skipped the
 * queue (or a bot) sends, and the routes verify the rest.
 *
 * The refusal answers as the route would, in the route's order: no session cookie is
 * 401; no token is 403 with the performance and its waiting room (the details the route
 * gives). The request names only a schedule, so its performance comes from what the gate
 * has seen (schedule-performances.ts, filled by every admitted buyer's poll); a show it
 * has not seen yet goes on to the route, which refuses it in full and teaches the proxy.
 *
 * Booking pages are not refused here: a page request carries only a schedule id, and
 * only the page knows which performance's waiting room to send the buyer to.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  // Pages pass through for their Content-Security-Policy nonce (the last matcher below).
  if (!pathname.startsWith("/api/")) return withPagePolicy(request);
  // Reading one's own hold needs no slot; only creating one does.
  if (pathname.endsWith("/holds") && request.method !== "POST") {
    return NextResponse.next();
  }
  const token = readWorkingToken(request.headers);
  if (token && (await hasValidSignature(token))) return NextResponse.next();
  if (!readCookie(request.headers, SESSION_COOKIE)) {
    return refuse(new AppError("UNAUTHENTICATED", "no session"));
  }
  // "/api/schedules/<scheduleId>/..."
  const scheduleId = pathname.split("/")[3] ?? "";
  const performanceId = recallSchedulePerformance(scheduleId);
  if (performanceId === undefined) return NextResponse.next();
  return refuse(
    new AppError("QUEUE_TOKEN_REQUIRED", "no working token", {
      details: queueTokenRequiredDetails(performanceId, scheduleId),
    }),
  );
}

/** The gate's own signature and expiry check (no Redis); the route checks the rest. */
function hasValidSignature(token: string): Promise<boolean> {
  return verifyWorkingTokenSignature({ token, secret: env.QUEUE_TOKEN_SECRET }).then(
    () => true,
    () => false,
  );
}

function refuse(error: AppError): NextResponse {
  return NextResponse.json(error.toResponseBody(), {
    status: error.httpStatus,
    headers: { "cache-control": "no-store" },
  });
}

// Next reads this at build time, so only literals: the transports of
// booking/gate/transport.ts (its cookie, its header, a bearer token), then every page
// (not the API, static files or prefetches, which render no document).
export const config = {
  matcher: [
    {
      source: "/api/schedules/:scheduleId/seat-map",
      missing: [
        { type: "cookie", key: "ticketping-working-token" },
        { type: "header", key: "x-working-token" },
        { type: "header", key: "authorization" },
      ],
    },
    {
      source: "/api/schedules/:scheduleId/holds",
      missing: [
        { type: "cookie", key: "ticketping-working-token" },
        { type: "header", key: "x-working-token" },
        { type: "header", key: "authorization" },
      ],
    },
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
