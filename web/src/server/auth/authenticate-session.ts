import "server-only";
import type { Role } from "@ticketping/db/browser";
import { readSessionClaims, type SessionClaims } from "./session-claims";
import { currentSessionUserState } from "./session-state";

export interface SessionUser {
  id: string;
  role: Role;
  email: string | null;
  name: string | null;
  /** Confirmed through a verification link or a provider that verified it. */
  emailVerified: boolean;
}

export interface AuthenticatedSession {
  user: SessionUser;
  /** When the session's JWT expires, ms since the epoch. */
  expiresAt: number;
}

/**
 * The session a cookie carries, if it is still good: sealed by this server, unexpired,
 * and opened under the user's current session version (no "sign out everywhere", role
 * change or deletion since). The JWT is checked first, by CPU alone; only a genuine one
 * costs a (cached) database read. The role and names come from the database, not from
 * the JWT, which may be days old.
 */
export async function authenticateSession(
  token: string | null | undefined,
): Promise<AuthenticatedSession | null> {
  const claims = await readSessionClaims(token);
  if (!claims) return null;
  const user = await sessionUserOf(claims);
  return user ? { user, expiresAt: claims.expiresAt } : null;
}

/** The user of verified claims, or null when the session has been ended since. */
export async function sessionUserOf(claims: SessionClaims): Promise<SessionUser | null> {
  let state = await currentSessionUserState(claims.userId);
  // Versions only grow: a session newer than what this process remembers was opened
  // since it last looked (signed in again after signing out everywhere, perhaps through
  // another process), so the memory is stale, not the session.
  if (state && claims.sessionVersion > state.sessionVersion) {
    state = await currentSessionUserState(claims.userId, { fresh: true });
  }
  if (!state || state.sessionVersion !== claims.sessionVersion) return null;
  return {
    id: claims.userId,
    role: state.role,
    email: state.email,
    name: state.name,
    emailVerified: state.emailVerified,
  };
}
