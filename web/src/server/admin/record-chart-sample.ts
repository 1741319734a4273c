import "server-only";
import { chartKeys } from "@ticketping/common/queue";
import { env } from "@/env";
import { logger } from "../logger";
import { getRedis } from "../redis";
import { chartSampleSchema, type PerformanceStats } from "./answers";
import { chartHistory } from "./chart-history";
import { toChartSample } from "./to-chart-sample";

/**
 * Keeps one stats read as a chart sample, so the console's charts outlive a reload. The
 * console's own polls are the sampler (no process samples a sale nobody watches): at most
 * one sample per interval whoever asks (two tabs, two organizers), the list capped and
 * expiring an hour after the last. Losing a sample only thins a chart, so a failure is
 * logged, never passed on to the stats read.
 */
export async function recordChartSample({
  performanceId,
  stats,
}: {
  performanceId: string;
  stats: PerformanceStats;
}): Promise<void> {
  const keys = chartKeys(env.QUEUE_KEY_PREFIX, performanceId);
  const sample = chartSampleSchema.encode(toChartSample(stats));
  try {
    const redis = getRedis();
    // A little under the interval, so a poll arriving early still samples its moment.
    const due = await redis.set(
      keys.lastSampled,
      "1",
      "PX",
      chartHistory.intervalSeconds * 1_000 - 250,
      "NX",
    );
    if (due !== "OK") return;
    await redis
      .multi()
      .rpush(keys.samples, JSON.stringify(sample))
      .ltrim(keys.samples, -chartHistory.samples, -1)
      .expire(keys.samples, chartHistory.ttlSeconds)
      .exec();
  } catch (error) {
    logger.warn({ err: error, performanceId }, "chart sample not kept");
  }
}
