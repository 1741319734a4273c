import type { Sample } from "./recorder";

/** How often the load generator checks its own event loop. */
export const LOOP_LAG_INTERVAL_MS = 50;

/**
 * Samples how late this process's event loop runs a timer, on the recorder's time line:
 * the buyers' latencies are timed by that same loop, so while it is late (thousands of
 * handshakes at once) every step timed here reads slower than the system answered. The
 * report prints it beside the steps so a slow window can be told apart from a slow system.
 * Returns the function that stops sampling.
 */
export function sampleLoopLag(now: () => number, into: Sample[]): () => void {
  let expected = now() + LOOP_LAG_INTERVAL_MS;
  const timer = setInterval(() => {
    const at = now();
    into.push({ endMs: at, durationMs: Math.max(0, at - expected) });
    expected = at + LOOP_LAG_INTERVAL_MS;
  }, LOOP_LAG_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
