/**
 * Runs `task` every `intervalMs` without ever overlapping itself: a slow round delays the
 * next one instead of piling up. stop() waits for a round in progress.
 */
export function repeat(
  intervalMs: number,
  task: () => Promise<void>,
  onError: (error: unknown) => void,
): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      const started = Date.now();
      running = task()
        .catch(onError)
        .finally(() => {
          if (!stopped) schedule(Math.max(0, intervalMs - (Date.now() - started)));
        });
    }, delay);
  };
  schedule(intervalMs);

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
