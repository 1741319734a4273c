import { createKafka, readGroupProgress, type GroupProgress } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { sleep } from "../sleep";
import { messagesBehind } from "./messages-behind";

export interface ConsumerGroupToWatch {
  groupId: string;
  /** Whether a partition it never committed is read from its oldest message. */
  fromBeginning: boolean;
}

export interface ConsumerCatchUp {
  caughtUp: boolean;
  waitedMs: number;
  /** Messages the groups had still to read when all of them had their partitions. */
  backlog: number;
  /** Messages still unread at the end (0 when caught up); null: a group never got its partitions. */
  remaining: number | null;
}

/**
 * Waits until every group has its partitions and has read each of them up to where it
 * ended when the wait began, at most `timeoutMs`. A fresh worker group reads the shared
 * topics' whole history first (it must: see the worker's fromBeginning), and a sale that
 * let its crowd in meanwhile would measure the replay, which a real sale's long-running
 * worker never does. Messages written meanwhile (this run's or another's) are not waited
 * for: the groups are caught up once the history is read.
 */
export async function waitForConsumers({
  brokers,
  groups,
  timeoutMs = 120_000,
  pollMs = 500,
  signal,
}: {
  brokers: string[];
  groups: readonly ConsumerGroupToWatch[];
  timeoutMs?: number;
  pollMs?: number;
  signal?: AbortSignal | undefined;
}): Promise<ConsumerCatchUp> {
  const logger = createLogger({ name: "loadtest-consumer-lag", level: "error" });
  const admin = createKafka({ brokers, clientId: "loadtest-consumer-lag", logger }).admin();
  const started = Date.now();
  const targets = new Map<string, number>();
  let backlog: number | undefined;
  let remaining: number | null = null;
  await admin.connect();
  try {
    for (;;) {
      const progress = await readGroupProgress(
        admin,
        groups.map((group) => group.groupId),
      ).catch(() => undefined);
      if (progress && progress.every(hasPartitions)) {
        let behind = 0;
        for (const { groupId, partitions } of progress) {
          const fromBeginning = groups.find((group) => group.groupId === groupId)?.fromBeginning;
          for (const partition of partitions) {
            const key = `${partition.topic}\u0000${String(partition.partition)}`;
            const target = targets.get(key) ?? partition.high;
            targets.set(key, target);
            behind += messagesBehind(partition, target, fromBeginning ?? true);
          }
        }
        backlog ??= behind;
        remaining = behind;
        if (behind === 0) break;
      }
      if (Date.now() - started + pollMs > timeoutMs) break;
      await sleep(pollMs, signal);
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  return {
    caughtUp: remaining === 0,
    waitedMs: Date.now() - started,
    backlog: backlog ?? 0,
    remaining,
  };
}

function hasPartitions(group: GroupProgress): boolean {
  return group.state === "Stable" && group.partitions.length > 0;
}
