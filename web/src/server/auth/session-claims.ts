import "server-only";
import { createBoundedCache } from "@ticketping/common/cache";
import { readSessionToken, sessionClaimsOf, type SessionClaims } from "@ticketping/common/accounts";
import { env } from "@/env";

export { sessionClaimsOf, type SessionClaims };

/**
 * What a session cookie says, if this server's secret sealed it and it has not expired;
 * null for anything else. Pure CPU work: nothing here touches PostgreSQL or Redis, so a
 * junk cookie costs no database round trip (the version check comes after, in
 * authenticate-session.ts). The queue service reads the same cookie with the same code.
 */
export function readSessionClaims(token: string | null | undefined): Promise<SessionClaims | null> {
  return Promise.resolve(claimsOf(token));
}

function claimsOf(token: string | null | undefined): SessionClaims | null {
  if (!token) return null;
  const remembered = decoded.get(token);
  if (remembered && remembered.expiresAt > Date.now()) return remembered;
  const claims = readSessionToken(token, env.NEXTAUTH_SECRET);
  if (claims) decoded.set(token, claims);
  return claims;
}

// A buyer polls the seat map with the same cookie every 2 s; decrypting it once per
// process is enough. Keyed by the whole encrypted token, so only a token this server
// decrypted before (and that has not expired) is ever trusted from here.
const decoded = createBoundedCache<string, SessionClaims>({ maxEntries: 20_000 });
