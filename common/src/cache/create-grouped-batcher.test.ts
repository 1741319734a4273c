import { describe, expect, it } from "vitest";
import { createGroupedBatcher } from "./create-grouped-batcher";

/** A runBatch whose batches finish only when the test says so. */
function controlledRunner() {
  const batches: { group: string; items: number[]; finish: () => void }[] = [];
  const runBatch = (group: string, items: number[]) =>
    new Promise<(string | Error)[]>((resolve) => {
      batches.push({
        group,
        items,
        finish: () => {
          resolve(items.map((item) => (item < 0 ? new Error(`bad ${item}`) : `${group}${item}`)));
        },
      });
    });
  return { batches, runBatch };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("createGroupedBatcher", () => {
  it("batches each group on its own and never mixes groups in one batch", async () => {
    const { batches, runBatch } = controlledRunner();
    const batcher = createGroupedBatcher({ maxBatchSize: 10, maxConcurrentBatches: 1, runBatch });
    const answers = [
      batcher.submit("a", 1),
      batcher.submit("b", 1),
      batcher.submit("a", 2),
      batcher.submit("b", 2),
      batcher.submit("a", 3),
    ];
    // A lone call of each group goes out at once, whatever the other group does.
    expect(batches.map(({ group, items }) => [group, items])).toEqual([
      ["a", [1]],
      ["b", [1]],
    ]);
    for (const batch of batches.slice(0, 2)) batch.finish();
    await settle();
    expect(batches.slice(2).map(({ group, items }) => [group, items])).toEqual([
      ["a", [2, 3]],
      ["b", [2]],
    ]);
    for (const batch of batches.slice(2)) batch.finish();
    await expect(Promise.all(answers)).resolves.toEqual(["a1", "b1", "a2", "b2", "a3"]);
  });

  it("fails only the item its batch answered with an error", async () => {
    const { batches, runBatch } = controlledRunner();
    const batcher = createGroupedBatcher({ maxBatchSize: 10, maxConcurrentBatches: 1, runBatch });
    const first = batcher.submit("a", 1);
    const rest = [batcher.submit("a", -2), batcher.submit("a", 3)];
    batches[0]?.finish();
    await first;
    await settle();
    batches[1]?.finish();
    const [failed, passed] = await Promise.allSettled(rest);
    expect(failed).toMatchObject({ status: "rejected", reason: new Error("bad -2") });
    expect(passed).toEqual({ status: "fulfilled", value: "a3" });
  });

  it("starts a group afresh once nothing of it is in flight", async () => {
    const { batches, runBatch } = controlledRunner();
    const batcher = createGroupedBatcher({ maxBatchSize: 10, maxConcurrentBatches: 1, runBatch });
    const first = batcher.submit("a", 1);
    batches[0]?.finish();
    await expect(first).resolves.toBe("a1");
    // Idle again: the next lone call is not held behind anything.
    const second = batcher.submit("a", 2);
    expect(batches.map(({ items }) => items)).toEqual([[1], [2]]);
    batches[1]?.finish();
    await expect(second).resolves.toBe("a2");
  });
});
