import type { IncomingMessage, ServerResponse } from "node:http";
import { handleHealthRequest } from "@ticketping/common/health";
import type { Logger } from "@ticketping/common/logger";
import { performanceIdSchema } from "@ticketping/common/queue";
import type { QueueStore } from "@ticketping/common/queue/store";
import { pingRedis, type Redis } from "@ticketping/common/redis";
import type { Registry } from "prom-client";

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

const statsPath = /^\/queues\/([^/]+)\/stats$/;

/**
 * GET /health, GET /metrics (Prometheus), GET /queues/:performanceId/stats (JSON for the
 * organizer dashboard). /socket.io/ belongs to the Socket.IO engine.
 */
export function createHttpHandler(options: {
  redis: Redis;
  store: QueueStore;
  registry: Registry;
  logger: Logger;
}): (request: IncomingMessage, response: ServerResponse) => void {
  const health = handleHealthRequest({ redis: () => pingRedis(options.redis) });

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (await health(request, response)) return;
    const path = request.url?.split("?")[0] ?? "";
    if (path.startsWith("/socket.io/")) return;
    if (request.method === "GET" && path === "/metrics") {
      const body = await options.registry.metrics();
      response.writeHead(200, { "content-type": options.registry.contentType });
      response.end(body);
      return;
    }
    const stats = statsPath.exec(path);
    if (request.method === "GET" && stats) {
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

  return (request, response) => {
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
  };
}
