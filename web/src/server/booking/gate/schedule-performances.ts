import { createBoundedCache, type BoundedCache } from "@ticketping/common/cache";

/**
 * Which performance each show belongs to, as the booking gate has seen them: the proxy
 * tells a caller without a working token which waiting room to join from here, with no
 * Redis or database work. A show never moves to another performance, so an entry never
 * goes stale. No server imports: the proxy reads it too.
 */

/** Far more shows than are ever on sale at once; the oldest entry goes first. */
const MAX_SCHEDULES = 5_000;

// On globalThis: the proxy and the route handlers are bundled apart (each has its own
// copy of this module) and share only the process.
const holder = globalThis as unknown as {
  ticketpingSchedulePerformances?: BoundedCache<string, string>;
};

function schedulePerformances(): BoundedCache<string, string> {
  holder.ticketpingSchedulePerformances ??= createBoundedCache({ maxEntries: MAX_SCHEDULES });
  return holder.ticketpingSchedulePerformances;
}

/** Called by the gate on every check, so it costs one lookup when nothing is new. */
export function rememberSchedulePerformance(scheduleId: string, performanceId: string): void {
  const known = schedulePerformances();
  if (known.get(scheduleId) === performanceId) return;
  known.set(scheduleId, performanceId);
}

export function recallSchedulePerformance(scheduleId: string): string | undefined {
  return schedulePerformances().get(scheduleId);
}
