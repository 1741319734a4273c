import { describe, expect, it } from "vitest";
import { createBatcher } from "./create-batcher";

/** A runBatch whose batches finish only when the test says so. */
function controlledRunner() {
  const batches: { items: number[]; finish: () => void }[] = [];
  const runBatch = (items: number[]) =>
    new Promise<(number | Error)[]>((resolve) => {
      batches.push({
        items,
        finish: () => {
          resolve(items.map((item) => (item < 0 ? new Error(`bad ${item}`) : item * 10)));
        },
      });
    });
  return { batches, runBatch };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("createBatcher", () => {
  it("sends a lone call at once", async () => {
    const { batches, runBatch } = controlledRunner();
    const batcher = createBatcher({ maxBatchSize: 10, maxConcurrentBatches: 1, runBatch });
    const answer = batcher.submit(1);
    expect(batches.map((batch) => batch.items)).toEqual([[1]]);
    batches[0]?.finish();
    await expect(answer).resolves.toBe(10);
  });

  it("gathers calls that arrive while batches run, up to the batch size", async () => {
    const { batches, runBatch } = controlledRunner();
    const batcher = createBatcher({ maxBatchSize: 3, maxConcurrentBatches: 2, runBatch });
    const answers = [1, 2, 3, 4, 5, 6, 7, 8].map((item) => batcher.submit(item));
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2]]);

    batches[0]?.finish();
    await settle();
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2], [3, 4, 5]]);
    batches[1]?.finish();
    await settle();
    expect(batches.map((batch) => batch.items)).toEqual([[1], [2], [3, 4, 5], [6, 7, 8]]);
    for (const batch of batches.slice(2)) batch.finish();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30, 40, 50, 60, 70, 80]);
  });

  it("never runs more batches at once than allowed", async () => {
    let running = 0;
    let mostAtOnce = 0;
    const batcher = createBatcher({
      maxBatchSize: 4,
      maxConcurrentBatches: 3,
      runBatch: async (items: number[]) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running--;
        return items;
      },
    });
    const items = Array.from({ length: 200 }, (_, index) => index);
    await expect(Promise.all(items.map((item) => batcher.submit(item)))).resolves.toEqual(items);
    expect(mostAtOnce).toBe(3);
  });

  it("fails only the item that failed", async () => {
    const { batches, runBatch } = controlledRunner();
    const batcher = createBatcher({ maxBatchSize: 10, maxConcurrentBatches: 1, runBatch });
    const first = batcher.submit(1);
    const [good, bad] = [batcher.submit(2), batcher.submit(-3)];
    batches[0]?.finish();
    await first;
    await settle();
    batches[1]?.finish();
    await expect(good).resolves.toBe(20);
    await expect(bad).rejects.toThrow("bad -3");
  });

  it("fails every item of a batch that threw, and goes on with the next", async () => {
    let calls = 0;
    const batcher = createBatcher({
      maxBatchSize: 10,
      maxConcurrentBatches: 1,
      runBatch: async (items: number[]) => {
        calls++;
        if (calls === 1) throw new Error("connection lost");
        return Promise.resolve(items);
      },
    });
    await expect(batcher.submit(1)).rejects.toThrow("connection lost");
    await expect(batcher.submit(2)).resolves.toBe(2);
  });

  it("rejects items the batch did not answer", async () => {
    const batcher = createBatcher({
      maxBatchSize: 10,
      maxConcurrentBatches: 1,
      runBatch: () => Promise.resolve([]),
    });
    await expect(batcher.submit(1)).rejects.toThrow(/answered 0 of 1/);
  });
});
