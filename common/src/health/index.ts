import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import { withRequestLog } from "../logger/node-http";
import { scrapeRefusal, type ScrapePolicy } from "../metrics/scrape-auth";

export type HealthCheck = () => Promise<boolean>;

export interface HealthReport {
  status: "ok" | "degraded";
  checks: Record<string, "up" | "down">;
}

const CHECK_TIMEOUT_MS = 2_000;

/** A dependency that hangs counts as down: a health endpoint must answer quickly. */
export async function runHealthChecks(checks: Record<string, HealthCheck>): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => {
          resolve(false);
        }, CHECK_TIMEOUT_MS);
      });
      const up = await Promise.race([check().catch(() => false), timeout]);
      clearTimeout(timer);
      return [name, up ? "up" : "down"] as const;
    }),
  );
  const results = Object.fromEntries(entries);
  const status = entries.every(([, state]) => state === "up") ? "ok" : "degraded";
  return { status, checks: results };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}

/** Answers GET <path> (default /health) with 200 or 503 and a JSON report; lets the caller add routes. */
export function handleHealthRequest(
  checks: Record<string, HealthCheck>,
  path = "/health",
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  return async (request, response) => {
    if (request.method !== "GET" || request.url?.split("?")[0] !== path) return false;
    const report = await runHealthChecks(checks);
    sendJson(response, report.status === "ok" ? 200 : 503, report);
    return true;
  };
}

export interface OpsRoutes {
  /** GET /health: the dependencies this process needs (liveness for orchestrators). */
  health: Record<string, HealthCheck>;
  /**
   * GET /ready: whether to send work here now: dependencies reachable, a consumer joined
   * its group, the process not shutting down. Defaults to the health checks.
   */
  ready?: Record<string, HealthCheck>;
  /** GET /metrics in Prometheus text format. */
  registry?: Registry;
  /** Who may scrape /metrics (see decideScrape); open when omitted. */
  scrape?: ScrapePolicy;
}

/** /health, /ready and /metrics for a plain Node server; false for any other request. */
export function handleOpsRequest(
  routes: OpsRoutes,
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const health = handleHealthRequest(routes.health, "/health");
  const ready = handleHealthRequest(routes.ready ?? routes.health, "/ready");
  return async (request, response) => {
    if ((await health(request, response)) || (await ready(request, response))) return true;
    const { registry } = routes;
    if (!registry || request.method !== "GET" || request.url?.split("?")[0] !== "/metrics") {
      return false;
    }
    const refusal = scrapeRefusal(request.headers.authorization, routes.scrape);
    if (refusal) {
      sendJson(response, refusal.status, refusal.body);
      return true;
    }
    const body = await registry.metrics();
    response.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
    response.end(body);
    return true;
  };
}

/** Probes and scrapes come every few seconds; their successes are not worth an info line. */
export const quietOpsPaths: ReadonlySet<string> = new Set(["/health", "/ready", "/metrics"]);

/**
 * A standalone server for processes with no HTTP interface of their own (the worker):
 * health and readiness, and metrics when given a registry.
 */
export function createHealthServer(
  checks: Record<string, HealthCheck>,
  options: Omit<OpsRoutes, "health"> & { logger?: Logger } = {},
): Server {
  const { logger, ...routes } = options;
  const handle = handleOpsRequest({ ...routes, health: checks });
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response)
      .then((handled) => {
        if (!handled)
          sendJson(response, 404, { error: { code: "NOT_FOUND", message: "Not found." } });
      })
      .catch((error: unknown) => {
        logger?.error({ err: error, url: request.url }, "ops request failed");
        if (!response.headersSent) {
          sendJson(response, 500, {
            error: { code: "INTERNAL", message: "Something went wrong on our side." },
          });
        } else {
          response.end();
        }
      });
  };
  return createServer(
    logger
      ? withRequestLog(listener, {
          logger,
          levelFor: (path) => (quietOpsPaths.has(path) ? "debug" : "info"),
        })
      : listener,
  );
}
