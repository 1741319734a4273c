import { requireBookingAccess } from "@/server/booking/gate/require-booking-access";
import { requireBuyer } from "@/server/booking/gate/require-buyer";
import { scheduleParamsSchema } from "@/server/booking/schemas";
import { parseParams } from "@/server/http/parse";
import { route } from "@/server/http/route";
import { getSeatMap } from "@/server/seat-map/get-seat-map";

export const dynamic = "force-dynamic";

/** The layout build the client already has (sent back from an earlier answer). */
export const LAYOUT_BUILD_HEADER = "x-seat-map-build";

/** `W/"123"` or `"123"` -> `123`; anything else -> "" (no usable copy). */
function knownVersion(ifNoneMatch: string | null): string {
  const match = /^(?:W\/)?"(\d{1,20})"$/.exec(ifNoneMatch?.trim() ?? "");
  return match?.[1] ?? "";
}

/**
 * GET the live seat map. Polled every 2 s by every admitted buyer, so the steady state
 * is Redis only; an unchanged map answers 304 from one version compare, and the static
 * layout (the bulk of the bytes) is sent only to a client that does not have its build.
 */
export const GET = route(
  async (request: Request, context: { params: Promise<{ scheduleId: string }> }) => {
    const { scheduleId } = parseParams(await context.params, scheduleParamsSchema);
    // Nobody anonymous costs a store anything: the session is checked first (in memory).
    await requireBuyer(request);
    // Then the gate and the read in parallel (one Redis round trip); nothing is sent unless
    // the gate passes.
    const [, map] = await Promise.all([
      requireBookingAccess({ request, scheduleId }),
      getSeatMap({
        scheduleId,
        knownVersion: knownVersion(request.headers.get("if-none-match")),
      }),
    ]);
    const headers = {
      etag: `"${map.version}"`,
      // Per buyer (the gate), and always revalidated: seats change by the second.
      "cache-control": "private, no-cache",
    };
    if (map.kind === "unchanged") return new Response(null, { status: 304, headers });
    const clientHasLayout = request.headers.get(LAYOUT_BUILD_HEADER) === map.layout.build;
    // The layout is cached as JSON text; splice it in rather than parse and re-serialise.
    const body = `{"data":{"version":${JSON.stringify(map.version)},"build":${JSON.stringify(map.layout.build)},"layout":${clientHasLayout ? "null" : map.layout.json},"status":${JSON.stringify(map.status)}}}`;
    return new Response(body, {
      status: 200,
      headers: { ...headers, "content-type": "application/json" },
    });
  },
  { accessLog: "debug", bookingStep: true },
);
