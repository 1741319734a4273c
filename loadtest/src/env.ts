import { z } from "zod";
import { envFields, loadEnvOrExit } from "@ticketping/common/env";
import { LOCAL_SMTP_URL, mailEnvFields } from "@ticketping/common/mail";

/**
 * Where the shared servers are. The load test starts its own web app, queue service and
 * worker and its own database on DATABASE_URL's server (read by @ticketping/db/testing),
 * so nothing here points at the demo's processes.
 */
export const env = loadEnvOrExit({
  REDIS_URL: envFields.redisUrl,
  KAFKA_BROKERS: z.string().default("127.0.0.1:9092"),
  DATABASE_URL: envFields.databaseUrl,
  /** Where the run's worker sends its mail (confirmations, lapses): the local Mailpit. */
  SMTP_URL: mailEnvFields.smtpUrl.default(LOCAL_SMTP_URL),
  /** npm sets it to the directory the command was typed in; `--out` is relative to it. */
  INIT_CWD: z.string().optional(),
  /** Passed on to the web server, which gets no other variable of ours. */
  PATH: z.string().default("/usr/local/bin:/usr/bin:/bin"),
});

/** What the tools this one runs (scripts/kafka.sh, pg_ctl) inherit, with their own additions. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/**
 * Points @ticketping/db/testing at another PostgreSQL server: it reads DATABASE_URL on its
 * first use, so this works only before any database of the process was created.
 */
export function useDatabaseServer(url: string): void {
  process.env.DATABASE_URL = url;
}
