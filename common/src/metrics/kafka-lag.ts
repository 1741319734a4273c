import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { Kafka } from "../kafka";
import { gauge } from "./registry";

export interface ConsumerLagOptions {
  registry: Registry;
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  logger: Logger;
  /** Scrapes closer together than this reuse the last reading (one admin round trip each). */
  cacheMs?: number;
  /** A broker that does not answer leaves the gauge empty rather than stalling the scrape. */
  timeoutMs?: number;
}

export interface ConsumerLag {
  /** Offsets behind the newest message, by topic and partition (the latest reading). */
  read: () => Promise<Map<string, number>>;
  stop: () => Promise<void>;
}

type Admin = ReturnType<Kafka["admin"]>;

const sources = new WeakMap<Registry, Set<ConsumerLag & { groupId: string }>>();

/**
 * ticketping_kafka_consumer_lag{group,topic,partition}: how many messages the group has
 * not committed yet, read from the broker at scrape time (newest offset minus the group's
 * committed offset). A partition the group has never committed counts as 0, so a new
 * group that reads from the beginning (the worker's) shows no lag while it replays.
 */
export function registerConsumerLag(options: ConsumerLagOptions): ConsumerLag {
  const { registry, kafka, groupId, topics, logger, cacheMs = 5_000, timeoutMs = 3_000 } = options;
  let admin: Admin | undefined;
  let reading: Promise<Map<string, number>> | undefined;
  let readAt = 0;
  let last = new Map<string, number>();
  let stopped = false;

  const fetchLag = async (): Promise<Map<string, number>> => {
    if (!admin) {
      const connecting = kafka.admin();
      await connecting.connect();
      admin = connecting;
    }
    const current = admin;
    const [committed, ...newest] = await Promise.all([
      current.fetchOffsets({ groupId, topics: [...topics] }),
      ...topics.map((topic) => current.fetchTopicOffsets(topic)),
    ]);
    const lag = new Map<string, number>();
    topics.forEach((topic, index) => {
      const byPartition = new Map(
        committed
          .find((entry) => entry.topic === topic)
          ?.partitions.map((entry) => [entry.partition, Number(entry.offset)]),
      );
      for (const { partition, high } of newest[index] ?? []) {
        const done = byPartition.get(partition) ?? -1;
        lag.set(`${topic}\u0000${partition}`, done < 0 ? 0 : Math.max(0, Number(high) - done));
      }
    });
    return lag;
  };

  const read = (): Promise<Map<string, number>> => {
    if (stopped) return Promise.resolve(last);
    if (reading) return reading;
    if (Date.now() - readAt < cacheMs) return Promise.resolve(last);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`no answer from Kafka in ${timeoutMs} ms`));
      }, timeoutMs);
    });
    reading = Promise.race([fetchLag(), timeout])
      .then((lag) => {
        last = lag;
        return lag;
      })
      .catch((error: unknown) => {
        logger.warn({ err: error, groupId }, "reading consumer lag failed");
        const broken = admin;
        admin = undefined;
        void broken?.disconnect().catch(() => undefined);
        last = new Map();
        return last;
      })
      .finally(() => {
        clearTimeout(timer);
        readAt = Date.now();
        reading = undefined;
      });
    return reading;
  };

  const source = {
    groupId,
    read,
    stop: async () => {
      stopped = true;
      sources.get(registry)?.delete(source);
      await reading?.catch(() => undefined);
      await admin?.disconnect().catch(() => undefined);
      admin = undefined;
    },
  };
  let registered = sources.get(registry);
  if (!registered) {
    registered = new Set();
    sources.set(registry, registered);
    const all = registered;
    gauge(registry, {
      name: "ticketping_kafka_consumer_lag",
      help: "Messages not yet committed by the consumer group, by topic and partition",
      labelNames: ["group", "topic", "partition"],
      async collect() {
        const readings = await Promise.all(
          [...all].map(async (each) => ({ groupId: each.groupId, lag: await each.read() })),
        );
        this.reset();
        for (const { groupId: group, lag } of readings) {
          for (const [key, value] of lag) {
            const [topic = "", partition = ""] = key.split("\u0000");
            this.set({ group, topic, partition }, value);
          }
        }
      },
    });
  }
  registered.add(source);
  return source;
}
