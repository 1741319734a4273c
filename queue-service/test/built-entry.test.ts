import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  dockerfileCommand,
  packageNodeFlags,
  spawnService,
  type SpawnedService,
} from "@ticketping/common/testing";

const serviceRoot = path.resolve(import.meta.dirname, "..");
const nodeFlags = packageNodeFlags(serviceRoot);
const ownSecret = () => randomBytes(32).toString("base64url");
let service: SpawnedService | undefined;

afterAll(async () => {
  await service?.stop("SIGKILL");
});

describe("the built queue-service (dist/main.js), as production runs it", () => {
  it("is what the Docker image and npm start run", () => {
    expect(dockerfileCommand(serviceRoot)).toEqual(["node", ...nodeFlags, "dist/main.js"]);
    const manifest = JSON.parse(readFileSync(path.join(serviceRoot, "package.json"), "utf8")) as {
      scripts: { start: string };
    };
    expect(manifest.scripts.start).toBe("node $npm_package_config_nodeFlags dist/main.js");
  });

  it("builds, serves /health in production mode and exits 0 within seconds of SIGTERM", async () => {
    execFileSync("npm", ["run", "--silent", "build"], { cwd: serviceRoot, stdio: "pipe" });
    service = await spawnService({
      cwd: serviceRoot,
      entry: "dist/main.js",
      nodeFlags,
      readyMessage: "consuming reservation confirmations",
      env: {
        NODE_ENV: "production",
        QUEUE_SERVICE_PORT: "0",
        QUEUE_TICKET_SECRET: ownSecret(),
        QUEUE_TOKEN_SECRET: ownSecret(),
        QUEUE_CONSUMER_GROUP_ID: `built-entry-${randomUUID().slice(0, 8)}`,
      },
    });
    const response = await fetch(`http://127.0.0.1:${service.port}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", checks: { redis: "up" } });

    const signalled = performance.now();
    expect(await service.stop("SIGTERM")).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(5_000);
    expect(service.logs.map((entry) => entry.msg)).toContain("shutdown complete");
  });
});
