import "server-only";
import { LatencyWindow } from "@ticketping/common/queue";
import { startLatencyPublisher } from "@ticketping/common/queue/store";
import { env } from "@/env";
import { logger } from "../logger";
import { getRedis } from "../redis";

/**
 * The admitted buyers' steps (seat map, hold, checkout, payment) over the last 5 s, whose
 * p95 this process publishes each second for the waiting room's pace controller
 * (queue-service README, "Admission pace"). On globalThis, as the Redis connection, so
 * that every route bundle of the process shares one window and one instance id.
 */
const globalForSteps = globalThis as unknown as { ticketpingBookingSteps?: LatencyWindow };

function bookingSteps(): LatencyWindow {
  if (globalForSteps.ticketpingBookingSteps) return globalForSteps.ticketpingBookingSteps;
  const window = new LatencyWindow(5);
  globalForSteps.ticketpingBookingSteps = window;
  let lastWarning = 0;
  startLatencyPublisher({
    redis: getRedis(),
    keyPrefix: env.QUEUE_KEY_PREFIX,
    window,
    onError: (error) => {
      // Without it the pace controller hears nothing and admits at its slow climb: worth a
      // line a minute, not one a second.
      if (Date.now() - lastWarning < 60_000) return;
      lastWarning = Date.now();
      logger.warn({ err: error }, "publishing the booking latency failed");
    },
  });
  return window;
}

/** Counts one admitted buyer's request of `durationMs` towards the published p95. */
export function recordBookingStep(durationMs: number): void {
  bookingSteps().record(durationMs);
}
