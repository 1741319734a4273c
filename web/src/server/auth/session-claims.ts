import "server-only";
import { decode } from "next-auth/jwt";
import { z } from "zod";
import { createBoundedCache } from "@ticketping/common/cache";
import { env } from "@/env";

export interface SessionClaims {
  /** Our users.id (never a provider's id). */
  userId: string;
  /** users.session_version when the session was opened. */
  sessionVersion: number;
  /** When the JWT expires, ms since the epoch. */
  expiresAt: number;
}

const claimsSchema = z.object({
  sub: z.uuid(),
  // Sessions opened before versions existed carry none: they belong to version 0, so
  // the first "sign out everywhere" ends them too.
  sv: z.number().int().min(0).default(0),
  exp: z.number().optional(),
});

/**
 * What a session cookie says, if this server's secret sealed it and it has not expired;
 * null for anything else. Pure CPU work: nothing here touches PostgreSQL or Redis, so a
 * junk cookie costs no database round trip (the version check comes after, in
 * authenticate-session.ts).
 */
export async function readSessionClaims(
  token: string | null | undefined,
): Promise<SessionClaims | null> {
  if (!token) return null;
  const remembered = decoded.get(token);
  if (remembered && remembered.expiresAt > Date.now()) return remembered;
  const payload = await decode({ token, secret: env.NEXTAUTH_SECRET }).catch(() => null);
  const claims = sessionClaimsOf(payload);
  if (!claims || claims.expiresAt <= Date.now()) return null;
  decoded.set(token, claims);
  return claims;
}

/** The claims of a decrypted session JWT, or null when they are not ours. */
export function sessionClaimsOf(payload: unknown): SessionClaims | null {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) return null;
  return {
    userId: parsed.data.sub,
    sessionVersion: parsed.data.sv,
    expiresAt: parsed.data.exp === undefined ? Date.now() + 60_000 : parsed.data.exp * 1_000,
  };
}

// A buyer polls the seat map with the same cookie every 2 s; decrypting it once per
// process is enough. Keyed by the whole encrypted token, so only a token this server
// decrypted before (and that has not expired) is ever trusted from here.
const decoded = createBoundedCache<string, SessionClaims>({ maxEntries: 20_000 });
