import { runHealthChecks } from "@ticketping/common/health";
import { pingRedis } from "@ticketping/common/redis";
import { getPrisma } from "@ticketping/db";
import { getRedis } from "@/server/redis";

export const dynamic = "force-dynamic";

/**
 * Readiness: send buyers here only when what every booking request needs answers. The web
 * app consumes no Kafka topic (its events leave through the outbox), so PostgreSQL and
 * Redis are the whole list.
 */
export async function GET(): Promise<Response> {
  const report = await runHealthChecks({
    database: async () => {
      await getPrisma().$queryRaw`SELECT 1`;
      return true;
    },
    redis: () => pingRedis(getRedis()),
  });
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
