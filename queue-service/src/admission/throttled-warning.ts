import type { Logger } from "@ticketping/common/logger";

/**
 * A failure that repeats every tick (Redis down) is worth one log line every few seconds,
 * not two a second.
 */
export function throttledWarning(
  logger: Logger,
  message: string,
  intervalMs = 5_000,
): (error: unknown) => void {
  let lastAt = 0;
  let suppressed = 0;
  return (error) => {
    const now = Date.now();
    if (now - lastAt < intervalMs) {
      suppressed++;
      return;
    }
    logger.warn({ err: error, suppressed }, message);
    lastAt = now;
    suppressed = 0;
  };
}
