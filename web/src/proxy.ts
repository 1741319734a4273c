import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/env";
import { hasValidTokenSignature } from "@/server/booking/working-token-signature";
import { readWorkingToken } from "@/server/booking/working-token-transport";

/**
 * The booking gate's first line: a booking API call without a working token that our
 * secret signed (and that has not expired) is refused here, before any route code, Redis
 * or database work. What a signature cannot tell (right performance, right buyer, slot
 * not revoked) the route checks in full.
 *
 * The seat map is polled every 2 s by every admitted buyer, and invoking the proxy costs
 * more per request than the route's own check of a token it has seen before (measured:
 * with the proxy on every poll the route ran at 55-65% of a static route's throughput,
 * without it at 90-110%; see BENCHMARKS.md). So for the seat map the matcher sends only
 * requests that carry no token at all here, and the route verifies the rest.
 *
 * Booking pages are not refused here: a page request carries only a schedule id, and
 * only the page knows which performance's waiting room to send the buyer to.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  // Reading one's own hold needs no slot; only creating one does.
  if (pathname.endsWith("/holds") && request.method !== "POST") return NextResponse.next();
  const token = readWorkingToken(request.headers);
  if (token && hasValidTokenSignature(token, env.QUEUE_TOKEN_SECRET)) return NextResponse.next();
  return NextResponse.json(
    {
      error: {
        code: "QUEUE_TOKEN_REQUIRED",
        message: "Please wait your turn in the queue.",
      },
    },
    { status: 403, headers: { "cache-control": "no-store" } },
  );
}

// Next reads this at build time, so only literals: the transports of
// working-token-transport.ts (its cookie, its header, a bearer token).
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
    "/api/schedules/:scheduleId/holds",
  ],
};
