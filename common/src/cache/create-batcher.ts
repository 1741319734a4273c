/**
 * Coalesces concurrent calls into batches: at most `maxConcurrentBatches` batches run at
 * once, and calls that arrive meanwhile wait and leave together in the next one. A lone
 * call goes out at once (no timer, no added latency when the server is quiet); under a
 * crowd the batches grow by themselves, which turns hundreds of round trips into a few.
 */
export interface Batcher<Item, Result> {
  submit: (item: Item) => Promise<Result>;
}

export interface CreateBatcherOptions<Item, Result> {
  maxBatchSize: number;
  maxConcurrentBatches: number;
  /**
   * Runs one batch and answers every item, in order: its result, or an Error for that
   * item alone. A thrown error fails every item of the batch.
   */
  runBatch: (items: Item[]) => Promise<(Result | Error)[]>;
}

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export function createBatcher<Item, Result>({
  maxBatchSize,
  maxConcurrentBatches,
  runBatch,
}: CreateBatcherOptions<Item, Result>): Batcher<Item, Result> {
  if (maxBatchSize < 1 || maxConcurrentBatches < 1) {
    throw new RangeError("a batcher needs room for at least one call");
  }
  const waiting: Waiting<Item, Result>[] = [];
  let running = 0;

  async function run(batch: Waiting<Item, Result>[]): Promise<void> {
    try {
      const results = await runBatch(batch.map(({ item }) => item));
      batch.forEach(({ resolve, reject }, index) => {
        const result = results[index];
        if (result === undefined) {
          reject(new Error(`batch answered ${results.length} of ${batch.length} items`));
        } else if (result instanceof Error) {
          reject(result);
        } else {
          resolve(result);
        }
      });
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }

  function drain(): void {
    while (running < maxConcurrentBatches && waiting.length > 0) {
      running++;
      void run(waiting.splice(0, maxBatchSize)).finally(() => {
        running--;
        drain();
      });
    }
  }

  return {
    submit: (item) =>
      new Promise<Result>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        drain();
      }),
  };
}
