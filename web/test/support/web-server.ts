import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { freePort, packageNodeFlags } from "@ticketping/common/testing";

const webRoot = path.resolve(import.meta.dirname, "../..");
const standaloneServer = path.join(webRoot, ".next/standalone/web/server.js");

/**
 * The secrets a server runs with, so tests can mint sessions, working tokens and queue
 * tickets it accepts. Production refuses missing and development ones, so each server
 * gets random ones unless the test passes its own.
 */
export interface WebSecrets {
  nextAuth: string;
  queueToken: string;
  queueTicket: string;
  pow: string;
  tickets: string;
  /** Checks verification links (the worker signs them with the same). */
  emailToken: string;
}

export interface RunningWebServer {
  baseUrl: string;
  /** The server's process id (a benchmark reads its memory from /proc). */
  pid: number;
  secrets: WebSecrets;
  /** What the server wrote to stderr so far (why it died, when it did). */
  stderr: () => string;
  stop: () => Promise<void>;
}

const randomSecret = () => randomBytes(32).toString("hex");

/**
 * Starts the production build of the web app (the same server `npm start` runs) against
 * the given database, and waits until its health check passes. Build it first:
 * `npm run build -w @ticketping/web` (`npm test` does).
 */
export async function startWebServer({
  databaseUrl,
  env = {},
}: {
  databaseUrl: string;
  env?: Record<string, string>;
}): Promise<RunningWebServer> {
  if (!existsSync(standaloneServer)) {
    throw new Error("web is not built; run `npm run build -w @ticketping/web` first");
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const secrets: WebSecrets = {
    nextAuth: env.NEXTAUTH_SECRET ?? randomSecret(),
    queueToken: env.QUEUE_TOKEN_SECRET ?? randomSecret(),
    queueTicket: env.QUEUE_TICKET_SECRET ?? randomSecret(),
    pow: env.POW_HMAC_SECRET ?? randomSecret(),
    tickets: env.TICKET_SIGNING_KEY ?? randomSecret(),
    emailToken: env.EMAIL_TOKEN_SECRET ?? randomSecret(),
  };
  // With the Node.js flags `npm start` passes, so tests measure what production runs.
  const args = [...packageNodeFlags(webRoot), standaloneServer];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: path.dirname(standaloneServer),
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: secrets.nextAuth,
      QUEUE_TOKEN_SECRET: secrets.queueToken,
      QUEUE_TICKET_SECRET: secrets.queueTicket,
      POW_HMAC_SECRET: secrets.pow,
      TICKET_SIGNING_KEY: secrets.tickets,
      EMAIL_TOKEN_SECRET: secrets.emailToken,
      // Sign-ups need a proof of work as in production, a light one (solvedPow solves it in
      // milliseconds); lines need none unless a test's performance sets one (pow.test.ts).
      POW_SIGNUP_COMPLEXITY: "10",
      POW_QUEUE_COMPLEXITY: "0",
      STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("hex")}`,
      DATABASE_URL: databaseUrl,
      // The test stands in for a proxy on loopback: the X-Forwarded-For it sends names the
      // client, so each test file keeps its own per-address limits (see testIp).
      TRUSTED_PROXIES: "127.0.0.0/8,::1",
      // Production needs a Stripe key or the simulated provider by name.
      ...(env.STRIPE_SECRET_KEY ? {} : { PAYMENT_PROVIDER: "simulated" }),
      ...env,
    },
    // WEB_TEST_LOGS=1 shows the server's own log lines, for debugging a failing test.
    stdio: ["ignore", process.env.WEB_TEST_LOGS === "1" ? "inherit" : "ignore", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`web server exited with ${child.exitCode}: ${stderr.join("")}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`web server did not become healthy: ${stderr.join("")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    baseUrl,
    pid: child.pid ?? 0,
    secrets,
    stderr: () => stderr.join(""),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
