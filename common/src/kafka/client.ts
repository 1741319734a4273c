import { Kafka, logLevel, type LogEntry, type RetryOptions } from "kafkajs";
import type { Logger } from "pino";
import { replicationFor } from "./topic-replication";

export type { Kafka } from "kafkajs";

export interface CreateKafkaOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /**
   * How long a request keeps retrying a broker that does not answer. A caller with its own
   * retry loop (the outbox relay) wants to hear of an outage in seconds, not minutes.
   */
  retry?: Pick<RetryOptions, "initialRetryTime" | "retries" | "maxRetryTime">;
  /** How long a connection attempt may take (3 s unless told). */
  connectionTimeout?: number;
  /**
   * How long a request waits for its answer (kafkajs: 30 s). A paused broker accepts the
   * connection and never answers, so a probe that must answer quickly sets a short one.
   */
  requestTimeout?: number;
}

const levelNames: Record<number, "error" | "warn" | "info" | "debug"> = {
  [logLevel.ERROR]: "error",
  [logLevel.WARN]: "warn",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug",
};

/**
 * kafkajs has had no release since 2023, so nothing outside this folder imports it:
 * swapping the client means rewriting these few files only.
 */
export function createKafka({
  brokers,
  clientId,
  logger,
  retry,
  connectionTimeout = 3_000,
  requestTimeout,
}: CreateKafkaOptions): Kafka {
  const kafkaLogger = logger.child({ component: "kafka" });
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout,
    ...(requestTimeout === undefined ? {} : { requestTimeout }),
    retry: { initialRetryTime: 300, retries: 8, ...retry },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        kafkaLogger[levelNames[level] ?? "info"](extra, message);
      },
  });
}

export async function ensureTopics(
  kafka: Kafka,
  topics: readonly string[],
  {
    partitions = 3,
    replicationFactor,
  }: {
    partitions?: number;
    /** Unset: from the cluster's size (replicationFor). */
    replicationFactor?: number | undefined;
  } = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // A fresh broker may still be electing leaders, and another client (a producer with
    // auto-creation, the worker's second consumer group) may create a topic in between:
    // what counts is that every topic exists afterwards.
    for (let attempt = 1; ; attempt++) {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((topic) => !existing.has(topic));
      if (missing.length === 0) return;
      try {
        const { brokers } = await admin.describeCluster();
        const replication = replicationFor(brokers.length, replicationFactor);
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: partitions,
            replicationFactor: replication.replicationFactor,
            configEntries: [
              { name: "min.insync.replicas", value: String(replication.minInsyncReplicas) },
            ],
          })),
        });
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  } finally {
    await admin.disconnect();
  }
}
