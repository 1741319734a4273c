import { QueueStore } from "@ticketping/common/queue/store";
import type { RedisClient } from "@ticketping/common/redis";

export interface QueueSample {
  /** ms since the run started. */
  atMs: number;
  active: number;
  waiting: number;
}

/**
 * Reads the queue's figures from Redis every `intervalMs` (the same script the organizer
 * dashboard uses) and keeps the largest working set seen. Admission checks the limit
 * inside one Lua script, so a sample can only ever catch an excess, never cause one.
 */
export class WorkingSetSampler {
  maxSampled = 0;
  samples = 0;
  failedReads = 0;
  maxSeenByBuyers = 0;
  readonly timeline: QueueSample[] = [];
  counters: Record<string, number> = {};
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly options: {
      redis: RedisClient;
      keyPrefix: string;
      performanceId: string;
      intervalMs: number;
      now: () => number;
    },
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.reading ??= this.read().finally(() => {
        this.reading = undefined;
      });
    }, this.options.intervalMs);
  }

  /** What buyers were told in progress broadcasts: a second, independent witness. */
  observe(active: number): void {
    if (active > this.maxSeenByBuyers) this.maxSeenByBuyers = active;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.reading;
    await this.read();
  }

  private async read(): Promise<void> {
    const { redis, keyPrefix, performanceId, now } = this.options;
    try {
      const stats = await new QueueStore({ redis, keyPrefix }).stats(performanceId);
      this.counters = stats.counters;
      if (!stats.progress) return;
      const { active, waiting } = stats.progress;
      this.samples++;
      if (active > this.maxSampled) this.maxSampled = active;
      this.timeline.push({ atMs: now(), active, waiting });
    } catch {
      this.failedReads++;
    }
  }
}
