import { pino, type Logger, type LoggerOptions } from "pino";

export type { Logger } from "pino";

export interface CreateLoggerOptions {
  name: string;
  level?: LoggerOptions["level"];
}

/** JSON logs on stdout: one line per event, so any shipper (Loki, journald) can read them. */
export function createLogger({ name, level = "info" }: CreateLoggerOptions): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ["password", "*.password", "authorization", "*.authorization", "*.headers.cookie"],
      censor: "[redacted]",
    },
  });
}
