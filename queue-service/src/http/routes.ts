import type { IncomingMessage, ServerResponse } from "node:http";
import { handleOpsRequest, type HealthCheck } from "@ticketping/common/health";
import { withRequestLog, type Logger } from "@ticketping/common/logger";
import { scrapeRefusal, type Registry, type ScrapePolicy } from "@ticketping/common/metrics";
import { performanceIdSchema } from "@ticketping/common/queue";
import type { QueueStore } from "@ticketping/common/queue/store";
import { pingRedis, type RedisClient } from "@ticketping/common/redis";

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

const statsPath = /^\/queues\/([^/]+)\/stats$/;

/** Polled by probes, Prometheus and operators' scripts: info lines would be noise. */
const quietPaths = /^\/(health|ready|metrics|queues\/[^/]+\/stats)$/;

/**
 * GET /health, GET /ready, GET /metrics (Prometheus), GET /queues/:performanceId/stats
 * (JSON for operators; the same bearer token as /metrics). /socket.io/ belongs to the Socket.IO engine.
 */
export function createHttpHandler(options: {
  redis: RedisClient;
  store: QueueStore;
  registry: Registry;
  logger: Logger;
  /** Added to /ready: the Kafka consumer joined, the process not shutting down. */
  readiness?: Record<string, HealthCheck>;
  scrape?: ScrapePolicy;
}): (request: IncomingMessage, response: ServerResponse) => void {
  const redis = () => pingRedis(options.redis);
  const ops = handleOpsRequest({
    health: { redis },
    ready: { redis, ...options.readiness },
    registry: options.registry,
    ...(options.scrape ? { scrape: options.scrape } : {}),
  });

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (await ops(request, response)) return;
    const path = request.url?.split("?")[0] ?? "";
    const stats = statsPath.exec(path);
    if (request.method === "GET" && stats) {
      // The line's figures are the organizer's, guarded like the metrics they repeat.
      const refusal = scrapeRefusal(request.headers.authorization, options.scrape);
      if (refusal) {
        sendJson(response, refusal.status, refusal.body);
        return;
      }
      const performanceId = performanceIdSchema.safeParse(stats[1]);
      if (!performanceId.success) {
        sendJson(response, 400, {
          error: { code: "VALIDATION_FAILED", message: "Not a performance id." },
        });
        return;
      }
      sendJson(response, 200, await options.store.stats(performanceId.data));
      return;
    }
    sendJson(response, 404, { error: { code: "NOT_FOUND", message: "Not found." } });
  };

  const logged = withRequestLog(
    (request, response) => {
      route(request, response).catch((error: unknown) => {
        options.logger.error({ err: error, url: request.url }, "http request failed");
        if (!response.headersSent) {
          sendJson(response, 500, {
            error: { code: "INTERNAL", message: "Something went wrong on our side." },
          });
        } else {
          response.end();
        }
      });
    },
    {
      logger: options.logger,
      levelFor: (path) => (quietPaths.test(path) ? "debug" : "info"),
    },
  );
  return (request, response) => {
    // Socket.IO answers its own requests; it hands us only the rest.
    if (request.url?.startsWith("/socket.io/")) return;
    logged(request, response);
  };
}
