import { AssignerProtocol, type Admin } from "kafkajs";

export type { Admin as KafkaAdmin } from "kafkajs";

/** Where a consumer group stands on one partition it is assigned. */
export interface PartitionProgress {
  topic: string;
  partition: number;
  /** The next offset the group will read, as committed; -1 while it committed none. */
  committed: number;
  /** The partition's oldest offset still kept, and the offset its next message will get. */
  low: number;
  high: number;
}

export interface GroupProgress {
  groupId: string;
  /** Kafka's group state: "Stable" once its members have their partitions. */
  state: string;
  members: number;
  partitions: PartitionProgress[];
}

/**
 * What each group's members are assigned (from the broker's group description, decoded as
 * the consumers encoded it), with the group's committed offset and the partition's bounds,
 * read in one round of admin requests. A group the broker does not know reads as "Dead"
 * with no partitions.
 */
export async function readGroupProgress(
  admin: Admin,
  groupIds: readonly string[],
): Promise<GroupProgress[]> {
  const { groups } = await admin.describeGroups([...groupIds]);
  const assigned = groups.map((group) => ({
    group,
    byTopic: assignmentsOf(group.members.map((member) => member.memberAssignment)),
  }));
  const topics = [...new Set(assigned.flatMap(({ byTopic }) => [...byTopic.keys()]))];
  const bounds = new Map(
    await Promise.all(
      topics.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const),
    ),
  );
  return Promise.all(
    assigned.map(async ({ group, byTopic }) => {
      const committed =
        byTopic.size === 0
          ? []
          : await admin.fetchOffsets({ groupId: group.groupId, topics: [...byTopic.keys()] });
      const partitions: PartitionProgress[] = [];
      for (const [topic, numbers] of byTopic) {
        for (const partition of numbers) {
          const offset = committed
            .find((entry) => entry.topic === topic)
            ?.partitions.find((entry) => entry.partition === partition)?.offset;
          const bound = bounds.get(topic)?.find((entry) => entry.partition === partition);
          partitions.push({
            topic,
            partition,
            committed: offset === undefined ? -1 : Number(offset),
            low: Number(bound?.low ?? 0),
            high: Number(bound?.high ?? 0),
          });
        }
      }
      return {
        groupId: group.groupId,
        state: group.state,
        members: group.members.length,
        partitions,
      };
    }),
  );
}

function assignmentsOf(encoded: readonly Buffer[]): Map<string, number[]> {
  const byTopic = new Map<string, number[]>();
  for (const buffer of encoded) {
    // An empty assignment (a member that joined and is still waiting for its share).
    if (buffer.length === 0) continue;
    const decoded = AssignerProtocol.MemberAssignment.decode(buffer);
    for (const [topic, partitions] of Object.entries(decoded?.assignment ?? {})) {
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), ...partitions]);
    }
  }
  return byTopic;
}
