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
  /**
   * The web app as buyers reach it: links in mail point there. Unset: http://localhost:3000,
   * outside production only.
   */
  publicWebUrl: z
    .url()
    .regex(/^https?:\/\//, "must be an http(s):// URL")
    .optional(),
};

interface MailEnv {
  NODE_ENV: string;
  SMTP_URL?: string | undefined;
  PUBLIC_WEB_URL?: string | undefined;
}

/** Where links in development mail point: the web app as `npm run dev` serves it. */
export const LOCAL_WEB_URL = "http://localhost:3000";

/**
 * In production a missing SMTP server is a mistake, not a wish for no mail: buyers would
 * never get their tickets, and nothing would say so. Elsewhere the local Mailpit stands in.
 */
export function mailConfigIssues(env: MailEnv): string[] {
  if (env.NODE_ENV !== "production") return [];
  const issues: string[] = [];
  if (!env.SMTP_URL) {
    issues.push(
      "SMTP_URL: required in production (the SMTP server mail goes out through, " +
        "smtp://user:password@host:587); `npm start` points it at the local Mailpit",
    );
  }
  if (!env.PUBLIC_WEB_URL) {
    issues.push(
      "PUBLIC_WEB_URL: required in production (the web app's address as buyers reach it, " +
        "for the links in mail, e.g. https://tickets.example.com)",
    );
  }
  return issues;
}

/** Stops the process with a message naming the variable when mailConfigIssues finds any. */
export function exitOnMailConfigIssues(env: MailEnv): void {
  const issues = mailConfigIssues(env);
  if (issues.length === 0) return;
  console.error(new EnvError(issues).message);
  process.exit(1);
}

/**
 * The SMTP URL and the web app's public URL to use: the configured ones, else (outside
 * production only) the local Mailpit and the local web app.
 */
export function resolveMailConfig(env: MailEnv): { smtpUrl: string; publicWebUrl: string } {
  const issues = mailConfigIssues(env);
  if (issues.length > 0) throw new EnvError(issues);
  return {
    smtpUrl: env.SMTP_URL ?? LOCAL_SMTP_URL,
    publicWebUrl: env.PUBLIC_WEB_URL ?? LOCAL_WEB_URL,
  };
}
