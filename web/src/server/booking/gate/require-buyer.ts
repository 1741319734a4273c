import "server-only";
import { AppError } from "@ticketping/common/errors";
import { authenticateSession } from "../../auth/authenticate-session";
import { SESSION_COOKIE } from "../../auth/session-cookie";
import { readCookie } from "./transport";

/**
 * The signed-in buyer of a booking API call, from the session cookie alone. The booking
 * APIs are the hot path of a flash crowd (everyone admitted polls the seat map every 2 s),
 * so they take the request's cookie directly instead of going through next/headers; the
 * check is the same as every other route's (authenticateSession).
 */
export async function requireBuyer(request: Request): Promise<{ id: string }> {
  const session = await authenticateSession(readCookie(request.headers, SESSION_COOKIE));
  if (!session) throw new AppError("UNAUTHENTICATED", "no session");
  return { id: session.user.id };
}
