import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../../..");
const kafkaScript = path.join(repoRoot, "scripts/kafka.sh");

export interface PrivateBroker {
  /** host:port, for KAFKA_BROKERS. */
  address: string;
  up: () => Promise<void>;
  down: () => Promise<void>;
  /** SIGSTOP (true) or SIGCONT (false) the broker's JVM: alive, listening, silent. */
  pause: (paused: boolean) => Promise<void>;
  /** Stops the broker and deletes its state. */
  remove: () => Promise<void>;
}

/**
 * A Kafka broker of the test's own (scripts/kafka.sh with its own state directory and
 * ports), so stopping or pausing it disturbs no other test or developer. Fault tests of
 * every package use it.
 */
export async function startPrivateBroker(): Promise<PrivateBroker> {
  const stateDir = await mkdtemp(path.join(tmpdir(), "ticketping-kafka-"));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    KAFKA_STATE_DIR: stateDir,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
  };

  async function kafka(command: "up" | "down"): Promise<void> {
    try {
      await run("bash", [kafkaScript, command], {
        env,
        timeout: 120_000,
      });
    } catch (error) {
      const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
      throw new Error(`scripts/kafka.sh ${command} failed:\n${stdout}\n${stderr}`, {
        cause: error,
      });
    }
  }

  async function signal(name: NodeJS.Signals): Promise<void> {
    const pid = Number((await readFile(path.join(stateDir, "kafka.pid"), "utf8")).trim());
    process.kill(pid, name);
  }

  const broker: PrivateBroker = {
    address: `127.0.0.1:${port}`,
    up: () => kafka("up"),
    down: () => kafka("down"),
    pause: (paused) => signal(paused ? "SIGSTOP" : "SIGCONT"),
    remove: async () => {
      // A paused JVM cannot stop; wake it first (harmless when it runs).
      await signal("SIGCONT").catch(() => undefined);
      await kafka("down").catch(() => undefined);
      await rm(stateDir, { recursive: true, force: true });
    },
  };
  try {
    await broker.up();
  } catch (error) {
    await rm(stateDir, { recursive: true, force: true });
    throw error;
  }
  return broker;
}
