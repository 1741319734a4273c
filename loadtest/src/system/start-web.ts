import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { freePort, packageNodeFlags } from "@ticketping/common/testing";

export const webRoot = path.resolve(import.meta.dirname, "../../../web");
export const standaloneServer = path.join(webRoot, ".next/standalone/web/server.js");

export class WebBuildMissingError extends Error {
  constructor() {
    super(
      "The web app is not built. Build it first: npm run build -w @ticketping/web " +
        "(the load test runs the production server, as `npm start` does).",
    );
    this.name = "WebBuildMissingError";
  }
}

export interface RunningWeb {
  baseUrl: string;
  pid: number | undefined;
  /** The server's latest output (its warnings and errors). */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the production build of the web app (the standalone server `npm start` runs) on a
 * free loopback port with exactly the given environment, and waits for its health check.
 */
export async function startWeb({
  env,
  timeoutMs = 60_000,
  port: fixedPort,
}: {
  env: (baseUrl: string) => Record<string, string>;
  timeoutMs?: number;
  /** A port chosen beforehand (e.g. for a Prometheus started first); a free one by default. */
  port?: number;
}): Promise<RunningWeb> {
  if (!existsSync(standaloneServer)) throw new WebBuildMissingError();
  const port = fixedPort ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  // With the Node.js flags `npm start` passes, so tests measure what production runs.
  const args = [...packageNodeFlags(webRoot), standaloneServer];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: path.dirname(standaloneServer),
    env: { NODE_ENV: "production", ...env(baseUrl), HOSTNAME: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The server logs warnings and errors only (LOG_LEVEL=warn); keep the latest for the report.
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 300) output.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      resolve();
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`web server exited with ${child.exitCode}: ${output.join("")}`);
    }
    const healthy = await fetch(`${baseUrl}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`web server did not become healthy: ${output.join("")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseUrl, pid: child.pid, output: () => output.join(""), stop };
}
