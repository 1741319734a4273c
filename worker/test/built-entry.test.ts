import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dockerfileCommand,
  packageNodeFlags,
  spawnService,
  type SpawnedService,
} from "@ticketping/common/testing";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { createShowWithHold } from "./support/fixtures";

const workerRoot = path.resolve(import.meta.dirname, "..");
const nodeFlags = packageNodeFlags(workerRoot);
let database: TestDatabase;
let worker: SpawnedService | undefined;

beforeAll(async () => {
  database = await createTestDatabase({ label: "worker_built" });
});

afterAll(async () => {
  await worker?.stop("SIGKILL");
  await database.drop();
});

describe("the built worker (dist/main.js), as production runs it", () => {
  it("is what the Docker image and npm start run", () => {
    expect(dockerfileCommand(workerRoot)).toEqual(["node", ...nodeFlags, "dist/main.js"]);
    const manifest = JSON.parse(readFileSync(path.join(workerRoot, "package.json"), "utf8")) as {
      scripts: { start: string };
    };
    expect(manifest.scripts.start).toBe("node $npm_package_config_nodeFlags dist/main.js");
  });

  it("builds, works through Prisma in production mode and exits 0 within seconds of SIGTERM", async () => {
    execFileSync("npm", ["run", "--silent", "build"], { cwd: workerRoot, stdio: "pipe" });
    worker = await spawnService({
      cwd: workerRoot,
      entry: "dist/main.js",
      nodeFlags,
      readyMessage: "consuming",
      env: {
        NODE_ENV: "production",
        PAYMENT_PROVIDER: "simulated",
        DATABASE_URL: database.url,
        WORKER_HEALTH_PORT: "0",
        WORKER_GROUP_ID: `built-entry-${randomUUID().slice(0, 8)}`,
        HOLD_SWEEP_INTERVAL_MS: "200",
        HOLD_SWEEP_GRACE_MS: "0",
        // Production sends mail: the local Mailpit's SMTP port (nothing here is mailed).
        SMTP_URL: "smtp://127.0.0.1:1025",
        PUBLIC_WEB_URL: "http://localhost:3000",
        TICKET_SIGNING_KEY: randomUUID() + randomUUID(),
        EMAIL_TOKEN_SECRET: randomUUID() + randomUUID(),
      },
    });
    // The ticket renderer's thread loaded from its own bundle (dist/render-thread.js) and
    // lowered its priority: one thread of the process at nice 19.
    if (process.platform === "linux") {
      const tasks = `/proc/${worker.process.pid ?? 0}/task`;
      const niceValues = readdirSync(tasks).map((tid) => {
        const stat = readFileSync(`${tasks}/${tid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
      });
      expect(niceValues.filter((nice) => nice === 19)).toHaveLength(1);
    }
    const response = await fetch(`http://127.0.0.1:${worker.port}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      checks: { database: "up", redis: "up", kafka: "up" },
    });

    // The sweeper's queries run through the bundled Prisma client and its query compiler.
    const { reservation } = await createShowWithHold(database.prisma, {
      seats: 2,
      holdExpiresAt: new Date(Date.now() - 1_000),
    });
    await expect
      .poll(
        async () =>
          (await database.prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } }))
            .status,
        { timeout: 15_000, interval: 200 },
      )
      .toBe("EXPIRED");

    const signalled = performance.now();
    expect(await worker.stop("SIGTERM")).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(5_000);
    expect(worker.logs.map((entry) => entry.msg)).toContain("shutdown complete");
  });
});
