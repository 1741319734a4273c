import { createBatcher, type Batcher } from "./create-batcher";

/**
 * createBatcher for calls that may only share a batch with calls of the same group (the
 * queue's joins: one script call touches one sale's keys, which must stay on one Redis
 * Cluster slot). Each group batches on its own, with its own `maxConcurrentBatches`; a group
 * with nothing in flight is forgotten, so a process that saw many groups holds none of them.
 */
export interface GroupedBatcher<Item, Result> {
  submit: (group: string, item: Item) => Promise<Result>;
}

export interface CreateGroupedBatcherOptions<Item, Result> {
  maxBatchSize: number;
  maxConcurrentBatches: number;
  /** As createBatcher's runBatch, for items all of one group. */
  runBatch: (group: string, items: Item[]) => Promise<(Result | Error)[]>;
}

export function createGroupedBatcher<Item, Result>({
  maxBatchSize,
  maxConcurrentBatches,
  runBatch,
}: CreateGroupedBatcherOptions<Item, Result>): GroupedBatcher<Item, Result> {
  const groups = new Map<string, { batcher: Batcher<Item, Result>; inFlight: number }>();
  return {
    submit: async (group, item) => {
      let entry = groups.get(group);
      if (entry === undefined) {
        entry = {
          batcher: createBatcher({
            maxBatchSize,
            maxConcurrentBatches,
            runBatch: (items) => runBatch(group, items),
          }),
          inFlight: 0,
        };
        groups.set(group, entry);
      }
      const current = entry;
      current.inFlight++;
      try {
        return await current.batcher.submit(item);
      } finally {
        current.inFlight--;
        if (current.inFlight === 0 && groups.get(group) === current) groups.delete(group);
      }
    },
  };
}
