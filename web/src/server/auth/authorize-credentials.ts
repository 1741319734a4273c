import "server-only";
import { clientIp } from "../http/client-ip";
import { logger } from "../logger";
import { getRedis } from "../redis";
import { verifyCredentials, type AuthenticatedUser } from "./credentials";
import { limitSignInAttempt } from "./limit-sign-in-attempt";

/**
 * The credentials provider's check: the rate limits, then the password. next-auth puts a
 * thrown error's message in the sign-in page's URL, so only stable codes are thrown
 * (RATE_LIMITED, SERVICE_UNAVAILABLE); a Redis or PostgreSQL failure is logged here.
 */
export async function authorizeCredentials({
  credentials,
  headers,
}: {
  credentials: Record<string, unknown> | undefined;
  headers: Headers;
}): Promise<AuthenticatedUser | null> {
  const email =
    typeof credentials?.email === "string" ? credentials.email.toLowerCase().slice(0, 320) : "";
  try {
    await limitSignInAttempt({ redis: getRedis(), email, address: clientIp(headers) });
    return await verifyCredentials(credentials);
  } catch (error) {
    if (error instanceof Error && error.message === "RATE_LIMITED") throw error;
    logger.warn({ err: error }, "a sign-in could not be checked");
    throw new Error("SERVICE_UNAVAILABLE", { cause: error });
  }
}
