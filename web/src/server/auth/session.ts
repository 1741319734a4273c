import "server-only";
import { cookies } from "next/headers";
import { AppError } from "@ticketping/common/errors";
import { authenticateSession, type SessionUser } from "./authenticate-session";
import { SESSION_COOKIE } from "./session-cookie";

export type { SessionUser } from "./authenticate-session";

/**
 * The signed-in user of the request being rendered or handled, null when there is none
 * or the session has been ended (see authenticateSession). Reads the cookie itself rather
 * than through getServerSession, so pages and routes go through the same gate.
 */
export async function getSession(): Promise<{ user: SessionUser; expires: string } | null> {
  const session = await authenticateSession((await cookies()).get(SESSION_COOKIE)?.value);
  return session && { user: session.user, expires: new Date(session.expiresAt).toISOString() };
}

export async function getSessionUser(): Promise<SessionUser | null> {
  return (await getSession())?.user ?? null;
}

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "no session");
  return user;
}

/** Door staff check tickets in; the organizer may too. */
export async function requireDoorStaff(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "STAFF" && user.role !== "ADMIN") {
    throw new AppError("FORBIDDEN", "door staff role required");
  }
  return user;
}

export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "ADMIN") throw new AppError("FORBIDDEN", "admin role required");
  return user;
}
