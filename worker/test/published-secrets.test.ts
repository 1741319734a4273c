import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";

const workerRoot = path.resolve(import.meta.dirname, "..");

/** Starts the worker with NODE_ENV=production and `env` on top; it should stop at once. */
function startInProduction(env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: workerRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      WORKER_HEALTH_PORT: "0",
      // A key of its own, so each test meets only the refusal it is about.
      TICKET_SIGNING_KEY: randomBytes(32).toString("hex"),
      EMAIL_TOKEN_SECRET: randomBytes(32).toString("hex"),
      ...env,
    },
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("worker start-up in production", () => {
  it("refuses a secret published in the repository, naming the variable", () => {
    const result = startInProduction({
      PAYMENT_PROVIDER: "simulated",
      METRICS_TOKEN: "compose-demo-metrics-token-change-me",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("METRICS_TOKEN: equals a value published");
  });

  it("refuses the development email-token secret, with which anyone could forge a verification link", () => {
    const result = startInProduction({ PAYMENT_PROVIDER: "simulated", EMAIL_TOKEN_SECRET: "" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("EMAIL_TOKEN_SECRET: equals a value published");
  });

  it("refuses production without a Stripe key unless the simulated provider is named", () => {
    const result = startInProduction({ PAYMENT_PROVIDER: "", STRIPE_SECRET_KEY: "" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("STRIPE_SECRET_KEY: required in production");
    expect(result.stderr).toContain("PAYMENT_PROVIDER=simulated");
  });

  it("refuses production without an SMTP server or the web app's public URL, naming both", () => {
    const result = startInProduction({
      PAYMENT_PROVIDER: "simulated",
      SMTP_URL: "",
      PUBLIC_WEB_URL: "",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("SMTP_URL: required in production");
    expect(result.stderr).toContain("PUBLIC_WEB_URL: required in production");
  });
});
