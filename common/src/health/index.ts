import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

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

/** Answers GET /health with 200 or 503 and a JSON report; lets the caller add routes. */
export function handleHealthRequest(
  checks: Record<string, HealthCheck>,
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  return async (request, response) => {
    if (request.method !== "GET" || request.url?.split("?")[0] !== "/health") return false;
    const report = await runHealthChecks(checks);
    response.writeHead(report.status === "ok" ? 200 : 503, { "content-type": "application/json" });
    response.end(JSON.stringify(report));
    return true;
  };
}

/** A standalone server for processes with no HTTP interface of their own (the worker). */
export function createHealthServer(checks: Record<string, HealthCheck>): Server {
  const handle = handleHealthRequest(checks);
  return createServer((request, response) => {
    void handle(request, response).then((handled) => {
      if (!handled) {
        response.writeHead(404, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { code: "NOT_FOUND", message: "Not found." } }));
      }
    });
  });
}
