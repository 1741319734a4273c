import { z } from "zod";
import { EnvError } from "../env";

/** Mailpit's SMTP port as scripts/mailpit.sh runs it: where development mail goes. */
export const LOCAL_SMTP_URL = "smtp://127.0.0.1:1025";

/** `Name <address>` or a bare address: what a From: header may hold. */
const fromAddress = /^(?:[^<>\r\n]+ <[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

/** Mail settings of the processes that send mail (each env module includes them). */
export const mailEnvFields = {
  /**
   * smtp://[user:password@]host:port, or smtps:// for TLS from the first byte (smtp://
   * upgrades with STARTTLS when the server offers it). Unset: the local Mailpit, outside
   * production only.
   */
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL")
    .refine((value) => URL.canParse(value), "must be an smtp:// or smtps:// URL")
    .optional(),
  mailFrom: z
    .string()
    .regex(fromAddress, "must be an address or 'Name <address>'")
    .default("Ticketping <tickets@ticketping.localhost>"),
};

interface MailEnv {
  NODE_ENV: string;
  SMTP_URL?: string | undefined;
}

/**
 * In production a missing SMTP server is a mistake, not a wish for no mail: buyers would
 * never get their tickets, and nothing would say so. Elsewhere the local Mailpit stands in.
 */
export function mailConfigIssues(env: MailEnv): string[] {
  if (env.SMTP_URL || env.NODE_ENV !== "production") return [];
  return [
    "SMTP_URL: required in production (the SMTP server mail goes out through, " +
      "smtp://user:password@host:587); `npm start` points it at the local Mailpit",
  ];
}

/** Stops the process with a message naming the variable when mailConfigIssues finds any. */
export function exitOnMailConfigIssues(env: MailEnv): void {
  const issues = mailConfigIssues(env);
  if (issues.length === 0) return;
  console.error(new EnvError(issues).message);
  process.exit(1);
}

/** The SMTP URL to use: the configured one, else (outside production) the local Mailpit. */
export function resolveSmtpUrl(env: MailEnv): string {
  const issues = mailConfigIssues(env);
  if (issues.length > 0) throw new EnvError(issues);
  return env.SMTP_URL ?? LOCAL_SMTP_URL;
}
