import { runHealthChecks } from "@ticketping/common/health";
import { pingRedis } from "@ticketping/common/redis";
import { getPrisma } from "@ticketping/db";
import { getRedis } from "@/server/redis";

/**
 * What every booking request needs: PostgreSQL and Redis. The web app consumes no Kafka
 * topic (its events leave through the outbox), so these two are the whole list. 200 when
 * both answer, 503 otherwise, never cached.
 */
export async function checkDependencies(): Promise<Response> {
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
