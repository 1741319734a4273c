import { scrapeRefusal } from "@ticketping/common/metrics";
import { env } from "@/env";
import { registry } from "@/server/metrics";

export const dynamic = "force-dynamic";

/**
 * Prometheus scrapes this. It is not wrapped in route(): scrapes would count themselves.
 * With METRICS_TOKEN set it wants that bearer token; in production without one it is off
 * (404), so the public site never publishes the sale's figures.
 */
export async function GET(request: Request): Promise<Response> {
  const refusal = scrapeRefusal(request.headers.get("authorization"), {
    token: env.METRICS_TOKEN,
    production: env.NODE_ENV === "production",
  });
  if (refusal) {
    return Response.json(refusal.body, {
      status: refusal.status,
      headers: { "cache-control": "no-store" },
    });
  }
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
