import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const clusterScript = path.resolve(import.meta.dirname, "../../../scripts/kafka-cluster.sh");

async function script(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run("bash", [clusterScript, ...args], { timeout: 180_000 });
    return stdout.trim();
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`scripts/kafka-cluster.sh ${args.join(" ")} failed:\n${stdout}\n${stderr}`, {
      cause: error,
    });
  }
}

/**
 * The local three-broker cluster of scripts/kafka-cluster.sh, for tests that kill a broker.
 * The script's own ports: a run of its own, not a copy per test (three JVMs are heavy).
 */
export const localKafkaCluster = {
  /** Starts whichever node is not running and waits until all three serve metadata. */
  up: async (): Promise<void> => {
    await script("up");
  },
  /** KAFKA_BROKERS for the apps. */
  brokers: (): Promise<string> => script("url"),
  /** kill -9: no controlled shutdown, no leadership handed over, as a crashed machine. */
  kill: async (nodeId: number): Promise<void> => {
    process.kill(Number(await script("pid", String(nodeId))), "SIGKILL");
  },
};
