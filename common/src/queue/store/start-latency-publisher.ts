import { randomUUID } from "node:crypto";
import type { RedisClient } from "../../redis";
import type { LatencyWindow } from "../latency-window";
import { publishBookingLatency } from "./booking-latency";

/**
 * Publishes the window's p95 once per interval under a random id of this process, and only
 * when the window holds requests: an idle process says nothing rather than "fast".
 * The timer does not keep the process alive; `onError` hears failed writes (Redis down).
 */
export function startLatencyPublisher(options: {
  redis: RedisClient;
  keyPrefix: string;
  window: LatencyWindow;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}): { instanceId: string; publishNow: () => Promise<void>; stop: () => void } {
  const instanceId = randomUUID();
  const publishNow = async (): Promise<void> => {
    const at = Date.now();
    const p95Ms = options.window.percentile(0.95, at);
    if (p95Ms === undefined) return;
    await publishBookingLatency({
      redis: options.redis,
      keyPrefix: options.keyPrefix,
      instanceId,
      p95Ms,
      at,
    });
  };
  const timer = setInterval(() => {
    publishNow().catch((error: unknown) => options.onError?.(error));
  }, options.intervalMs ?? 1_000);
  timer.unref();
  return {
    instanceId,
    publishNow,
    stop: () => {
      clearInterval(timer);
    },
  };
}
