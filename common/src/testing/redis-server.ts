import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export interface OwnRedisServer {
  url: string;
  port: number;
  /** SIGTERM (Redis saves its AOF and exits), resolved once the process is gone. */
  stop: () => Promise<void>;
  /** Starts it again on the same port and data directory; resolves when it answers PING. */
  start: () => Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open but nothing is answered. */
  pause: () => void;
  resume: () => void;
  /** Stops it for good and removes its data directory. */
  remove: () => Promise<void>;
}

/**
 * A redis-server process of a test's own on a free port, so the test can take Redis away
 * and bring it back without touching the Redis everyone else's tests use. With
 * `appendOnly` it persists as scripts/services.sh and docker-compose.yml configure the
 * shared one (AOF), so what it held survives a stop and start.
 */
export async function startOwnRedisServer({
  appendOnly = true,
}: { appendOnly?: boolean } = {}): Promise<OwnRedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), "ticketping-redis-"));
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--save",
    "",
    "--appendonly",
    appendOnly ? "yes" : "no",
    "--notify-keyspace-events",
    "Ex",
  ];
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const started = spawn("redis-server", args, { stdio: "ignore" });
    child = started;
    const deadline = Date.now() + 10_000;
    while (!(await answersPing(port))) {
      if (started.exitCode !== null)
        throw new Error(`redis-server exited with ${started.exitCode}`);
      if (Date.now() > deadline) throw new Error("redis-server did not answer PING in time");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const stop = async (): Promise<void> => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGCONT");
    running.kill("SIGTERM");
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    pause: () => child?.kill("SIGSTOP"),
    resume: () => child?.kill("SIGCONT"),
    remove: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One PING over a fresh socket: true when the server answers PONG (not LOADING). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    const finish = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_000, () => {
      finish(false);
    });
    socket.once("error", () => {
      finish(false);
    });
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      finish(data.toString().startsWith("+PONG"));
    });
  });
}
