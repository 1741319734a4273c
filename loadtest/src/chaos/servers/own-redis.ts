import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "@ticketping/common/testing";
import { runCommand, waitUntil } from "./run-command";

export interface OwnRedis {
  url: string;
  /** A clean shutdown: the append-only file is flushed and synced first. */
  stop: () => Promise<void>;
  /** Starts it again on the same port and data dir, and waits until it has loaded the data. */
  start: () => Promise<void>;
}

/**
 * A redis-server of the run's own on a free loopback port, persisting to an append-only
 * file in `dir`, configured like the project's (keyspace expiry events on): restarting it
 * disturbs nothing else.
 */
export async function startOwnRedis(dir: string): Promise<OwnRedis> {
  const port = await freePort();
  const args = [
    "--bind",
    "127.0.0.1",
    "--port",
    String(port),
    "--dir",
    dir,
    "--appendonly",
    "yes",
    "--appendfsync",
    "everysec",
    "--save",
    "",
    "--notify-keyspace-events",
    "Ex",
    "--logfile",
    path.join(dir, "redis.log"),
  ];
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn("redis-server", args, { stdio: "ignore" });
    // Loading the append-only file: Redis answers LOADING until it has replayed it.
    await waitUntil(
      `redis-server on port ${port}`,
      async () =>
        (
          await runCommand("redis-cli", ["-p", String(port), "ping"], { timeoutMs: 2_000 })
        ).trim() === "PONG",
      30_000,
    );
  };
  const shutdown = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    // SIGTERM is Redis's clean shutdown: the append-only file is flushed and synced.
    running.kill("SIGTERM");
    const timer = setTimeout(() => running.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: shutdown,
    start,
  };
}
