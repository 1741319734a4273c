import path from "node:path";
import { freePort } from "@ticketping/common/testing";
import { runCommand } from "./run-command";

const kafkaScript = path.resolve(import.meta.dirname, "../../../../scripts/kafka.sh");

export interface OwnKafka {
  brokers: string;
  /** Stops the broker (its data stays in the state dir). */
  stop: () => Promise<void>;
  /** Starts it again on the same ports and data, and waits until it serves metadata. */
  start: () => Promise<void>;
}

/**
 * A Kafka broker of the run's own (scripts/kafka.sh with its own state dir and ports, as
 * the payment fault tests do), so stopping it disturbs no other test or developer.
 */
export async function startOwnKafka(stateDir: string): Promise<OwnKafka> {
  const port = await freePort();
  const controllerPort = await freePort();
  const env = {
    KAFKA_STATE_DIR: stateDir,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_READY_TIMEOUT: "120",
  };
  const kafka = async (command: "up" | "down") => {
    await runCommand("bash", [kafkaScript, command], { env, timeoutMs: 180_000 });
  };
  await kafka("up");
  return {
    brokers: `127.0.0.1:${port}`,
    stop: () => kafka("down"),
    start: () => kafka("up"),
  };
}
