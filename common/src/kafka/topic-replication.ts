import kafkajs, { type Kafka } from "kafkajs";

// Node's ES module loader sees only some of kafkajs' CommonJS exports by name
// (ConfigResourceTypes is not among them): read it from the module object.
const { ConfigResourceTypes } = kafkajs;

/** How many brokers keep each partition, and how many must hold a write before acks=all. */
export interface TopicReplication {
  replicationFactor: number;
  minInsyncReplicas: number;
}

/**
 * Three copies of which two must hold a write: with acks=all any one broker may die and no
 * acknowledged event is lost, and writes go on with the other two. A smaller cluster keeps
 * one copy per broker (one broker: one copy, nothing to wait for).
 */
export function replicationFor(
  brokers: number,
  replicationFactor = Math.min(3, brokers),
): TopicReplication {
  return { replicationFactor, minInsyncReplicas: Math.max(1, replicationFactor - 1) };
}

export interface PartitionReplicas {
  partitionId: number;
  /** Node id of the broker that leads the partition. */
  leader: number;
  replicas: number[];
  /** The replicas that are caught up (in-sync). */
  isr: number[];
}

/** Where a topic's partitions live and its min.insync.replicas, as the cluster reports them. */
export async function describeTopicReplication(
  kafka: Kafka,
  topic: string,
): Promise<{ partitions: PartitionReplicas[]; minInsyncReplicas: number | undefined }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: topic, configNames: ["min.insync.replicas"] },
      ],
    });
    const minInsync = resources[0]?.configEntries.find(
      (entry) => entry.configName === "min.insync.replicas",
    )?.configValue;
    return {
      partitions: (topics[0]?.partitions ?? []).map(({ partitionId, leader, replicas, isr }) => ({
        partitionId,
        leader,
        replicas,
        isr,
      })),
      minInsyncReplicas: minInsync === undefined ? undefined : Number(minInsync),
    };
  } finally {
    await admin.disconnect();
  }
}
