import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** Shared by every process's env module, so all three read the same variable the same way. */
export const metricsEnvFields = {
  /** Bearer token Prometheus sends to /metrics. Required for metrics in production. */
  metricsToken: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
};

export interface ScrapePolicy {
  token?: string | undefined;
  /** Production: with no token configured, metrics are off rather than public. */
  production: boolean;
}

export type ScrapeDecision = "allowed" | "unauthorized" | "off";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether a scrape may read the metrics. With a token, only `Authorization: Bearer
 * <token>` (compared in constant time); without one, anyone, except in production, where
 * a port that buyers reach must not publish the business's figures.
 */
export function decideScrape(
  authorization: string | null | undefined,
  { token, production }: ScrapePolicy,
): ScrapeDecision {
  if (!token) return production ? "off" : "allowed";
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
  if (!match?.[1]) return "unauthorized";
  return timingSafeEqual(digest(match[1]), digest(token)) ? "allowed" : "unauthorized";
}

export interface ScrapeRefusal {
  status: 401 | 404;
  body: { error: { code: "UNAUTHENTICATED" | "NOT_FOUND"; message: string } };
}

/**
 * The answer to a caller who may not read the operator's figures (metrics, queue stats),
 * or null when they may: 401 without the right token, 404 where they are off.
 */
export function scrapeRefusal(
  authorization: string | null | undefined,
  policy: ScrapePolicy | undefined,
): ScrapeRefusal | null {
  const decision = policy ? decideScrape(authorization, policy) : "allowed";
  if (decision === "off") {
    return { status: 404, body: { error: { code: "NOT_FOUND", message: "Not found." } } };
  }
  if (decision === "unauthorized") {
    return {
      status: 401,
      body: { error: { code: "UNAUTHENTICATED", message: "A metrics token is required." } },
    };
  }
  return null;
}
