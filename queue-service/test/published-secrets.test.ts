import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";

const serviceRoot = path.resolve(import.meta.dirname, "..");
const ownSecret = () => randomBytes(32).toString("base64url");

/** Runs the real entry point and returns how it ended; a refusal ends before any I/O. */
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serviceRoot,
    env: { ...process.env, QUEUE_SERVICE_PORT: "0", ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("queue-service start-up in production", () => {
  it("refuses a secret published in the repository, naming the variable", () => {
    const result = start({
      NODE_ENV: "production",
      QUEUE_TICKET_SECRET: ownSecret(),
      QUEUE_TOKEN_SECRET: "compose-demo-queue-token-secret-change-me-012345",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("QUEUE_TOKEN_SECRET: equals a value published");
    expect(result.stderr).not.toContain("QUEUE_TICKET_SECRET");
  });

  it("refuses the local defaults of .env.example when nothing is set", () => {
    const result = start({
      NODE_ENV: "production",
      QUEUE_TICKET_SECRET: "",
      QUEUE_TOKEN_SECRET: "",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("QUEUE_TICKET_SECRET: equals a value published");
    expect(result.stderr).toContain("QUEUE_TOKEN_SECRET: equals a value published");
  });

  it("refuses a published metrics token", () => {
    const result = start({
      NODE_ENV: "production",
      QUEUE_TICKET_SECRET: ownSecret(),
      QUEUE_TOKEN_SECRET: ownSecret(),
      METRICS_TOKEN: "compose-demo-metrics-token-change-me",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("METRICS_TOKEN: equals a value published");
  });
});
