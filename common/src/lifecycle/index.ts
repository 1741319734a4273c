import type { Logger } from "pino";

export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
}

export interface GracefulShutdownOptions {
  logger: Logger;
  /** Steps run in order: stop taking work first, close shared clients last. */
  steps: ShutdownStep[];
  /** A hung close must not keep a container from stopping forever. */
  timeoutMs?: number;
  signals?: NodeJS.Signals[];
  exit?: (code: number) => void;
}

/**
 * Installs signal handlers that run the shutdown steps once and exit. Returns the
 * shutdown function so tests and fatal-error paths can trigger the same sequence.
 */
export function installGracefulShutdown({
  logger,
  steps,
  timeoutMs = 10_000,
  signals = ["SIGTERM", "SIGINT"],
  exit = (code) => process.exit(code),
}: GracefulShutdownOptions): (reason: string, exitCode?: number) => Promise<void> {
  let shuttingDown: Promise<void> | undefined;

  const shutdown = (reason: string, exitCode = 0): Promise<void> => {
    shuttingDown ??= (async () => {
      logger.info({ reason }, "shutting down");
      const forceQuit = setTimeout(() => {
        logger.error({ timeoutMs }, "shutdown timed out; forcing exit");
        exit(1);
      }, timeoutMs);
      forceQuit.unref();
      let failed = false;
      for (const step of steps) {
        try {
          await step.run();
          logger.debug({ step: step.name }, "shutdown step done");
        } catch (error) {
          failed = true;
          logger.error({ err: error, step: step.name }, "shutdown step failed");
        }
      }
      clearTimeout(forceQuit);
      logger.info("shutdown complete");
      exit(failed ? 1 : exitCode);
    })();
    return shuttingDown;
  };

  for (const signal of signals) {
    process.once(signal, () => void shutdown(signal));
  }
  return shutdown;
}
