import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface SpawnedService {
  process: ChildProcess;
  port: number;
  logs: Record<string, unknown>[];
  /** Sends a signal and resolves with the exit code (null if killed by a signal). */
  stop: (signal?: NodeJS.Signals, timeoutMs?: number) => Promise<number | null>;
}

/**
 * Starts a service's real entry point as a child process, the way production runs it,
 * and waits for its "listening" log line to learn the port it bound. A TypeScript entry
 * runs through tsx; a built one (dist/main.js) with plain node, as the Docker image runs it.
 */
export async function spawnService(options: {
  cwd: string;
  /** src/main.ts, or dist/main.js after the package's `npm run build`. */
  entry: string;
  /** Node.js flags before the entry (e.g. the package's packageNodeFlags). */
  nodeFlags?: string[];
  env: Record<string, string>;
  /** Log message that means "ready"; the port comes from the "listening" line. */
  readyMessage?: string;
  readyTimeoutMs?: number;
  /**
   * Runs the service at this niceness (and every process it forks, which inherit it);
   * `nice` execs node, so the child's pid is the service's own.
   */
  niceness?: number;
}): Promise<SpawnedService> {
  const readyMessage = options.readyMessage ?? "listening";
  const loader = options.entry.endsWith(".ts") ? ["--import", "tsx"] : [];
  const args = [...loader, ...(options.nodeFlags ?? []), options.entry];
  const niceness = options.niceness ?? 0;
  const [command, commandArgs] =
    niceness === 0
      ? [process.execPath, args]
      : ["nice", ["-n", String(niceness), process.execPath, ...args]];
  const child = spawn(command, commandArgs, {
    cwd: options.cwd,
    env: { ...process.env, LOG_LEVEL: "info", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));

  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      resolve(code);
    });
  });

  // A service logs its own failure as JSON on stdout: the last lines say why it stopped.
  const lastLogs = () =>
    logs
      .slice(-5)
      .map((entry) => JSON.stringify(entry))
      .join("\n");
  let boundPort: number | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `service did not start in time; stderr: ${stderr.join("")}\nlogs:\n${lastLogs()}`,
        ),
      );
    }, options.readyTimeoutMs ?? 30_000);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `service exited with ${code} before listening; stderr: ${stderr.join("")}\nlogs:\n${lastLogs()}`,
        ),
      );
    });
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (entry.msg === "listening" && typeof entry.port === "number") boundPort = entry.port;
      if (entry.msg === readyMessage && boundPort !== undefined) {
        clearTimeout(timer);
        resolve(boundPort);
      }
    });
  });

  return {
    process: child,
    port,
    logs,
    stop: async (signal = "SIGTERM", timeoutMs = 15_000) => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
