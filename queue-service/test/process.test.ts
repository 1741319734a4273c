import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawnService, type SpawnedService } from "@ticketping/common/testing";

const serviceRoot = path.resolve(import.meta.dirname, "..");
let service: SpawnedService | undefined;

afterEach(async () => {
  await service?.stop("SIGKILL");
  service = undefined;
});

describe("queue-service process", () => {
  it("reports healthy Redis on /health and exits cleanly on SIGTERM", async () => {
    service = await spawnService({
      cwd: serviceRoot,
      entry: "src/main.ts",
      env: { QUEUE_SERVICE_PORT: "0" },
    });
    const response = await fetch(`http://127.0.0.1:${service.port}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", checks: { redis: "up" } });
    const metrics = await fetch(`http://127.0.0.1:${service.port}/metrics`);
    expect(metrics.headers.get("content-type")).toContain("text/plain");
    expect(await metrics.text()).toContain("ticketping_queue_tick_duration_seconds");

    expect(await service.stop("SIGTERM")).toBe(0);
    expect(service.logs.map((entry) => entry.msg)).toContain("shutdown complete");
  });

  it("reports 503 when Redis is unreachable", async () => {
    service = await spawnService({
      cwd: serviceRoot,
      entry: "src/main.ts",
      // A closed port: the service must still start and say it is degraded.
      env: { QUEUE_SERVICE_PORT: "0", REDIS_URL: "redis://127.0.0.1:1" },
    });
    const response = await fetch(`http://127.0.0.1:${service.port}/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "degraded", checks: { redis: "down" } });
    expect(await service.stop("SIGTERM")).toBe(0);
  });

  it("refuses to start with an invalid setting and names it", async () => {
    await expect(
      spawnService({
        cwd: serviceRoot,
        entry: "src/main.ts",
        env: { QUEUE_SERVICE_PORT: "not-a-port" },
      }),
    ).rejects.toThrow(/QUEUE_SERVICE_PORT/);
  });
});
