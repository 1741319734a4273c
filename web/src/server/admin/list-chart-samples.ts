import "server-only";
import { AppError } from "@ticketping/common/errors";
import { chartKeys } from "@ticketping/common/queue";
import { env } from "@/env";
import { db } from "../db";
import { getRedis } from "../redis";
import { chartSampleSchema, type ChartSample } from "./answers";

function parseSample(text: string): ChartSample | null {
  try {
    const result = chartSampleSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/**
 * The live charts' recent past for one performance, oldest first (see
 * recordChartSample): what the console draws before its first poll. Empty when nobody
 * looked in the last hour.
 */
export async function listChartSamples({
  performanceId,
}: {
  performanceId: string;
}): Promise<ChartSample[]> {
  const performance = await db().performance.findUnique({
    where: { id: performanceId },
    select: { id: true },
  });
  if (!performance) throw new AppError("NOT_FOUND", `no performance ${performanceId}`);
  let stored: string[];
  try {
    stored = await getRedis().lrange(chartKeys(env.QUEUE_KEY_PREFIX, performanceId).samples, 0, -1);
  } catch (error) {
    throw new AppError("SERVICE_UNAVAILABLE", "chart samples unreadable", { cause: error });
  }
  return stored.map(parseSample).filter((sample) => sample !== null);
}
