import { AppError } from "@ticketping/common/errors";
import { env } from "@/env";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/**
 * The benchmark's baseline: the cheapest JSON a route handler can answer, through the
 * same server and wrapper as the seat map. Only with BENCH_ROUTES=1.
 */
export const GET = route(() => {
  if (!env.BENCH_ROUTES) return Promise.reject(new AppError("NOT_FOUND", "bench routes are off"));
  return Promise.resolve(jsonResponse({ ok: true }));
});
