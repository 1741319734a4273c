import "server-only";
import { decode } from "next-auth/jwt";
import { AppError } from "@ticketping/common/errors";
import { env } from "@/env";
import { readCookie } from "./working-token-transport";

const secure = env.NEXTAUTH_URL.startsWith("https://");
const sessionCookie = `${secure ? "__Secure-" : ""}next-auth.session-token`;

/**
 * The signed-in buyer of a booking API call, from the session cookie alone. The booking
 * APIs are the hot path of a flash crowd (everyone admitted polls the seat map every 2 s),
 * so they decode next-auth's session JWT directly (the same check getServerSession makes)
 * instead of running its whole session handler, which also re-issues the cookie.
 */
export async function requireBuyer(request: Request): Promise<{ id: string }> {
  const token = readCookie(request.headers, sessionCookie);
  if (!token) throw new AppError("UNAUTHENTICATED", "no session");
  const remembered = decoded.get(token);
  if (remembered && remembered.expiresAt > Date.now()) return { id: remembered.id };
  const session = await decode({ token, secret: env.NEXTAUTH_SECRET }).catch(() => null);
  if (!session?.sub) throw new AppError("UNAUTHENTICATED", "no session");
  remember(token, {
    id: session.sub,
    expiresAt: typeof session.exp === "number" ? session.exp * 1000 : Date.now() + 60_000,
  });
  return { id: session.sub };
}

// A buyer polls with the same cookie every 2 s; decrypting it once per process is enough.
// Keyed by the whole encrypted token, so only a token this server decrypted before (and
// that has not expired) is ever trusted from here.
const MAX_REMEMBERED = 20_000;
const decoded = new Map<string, { id: string; expiresAt: number }>();

function remember(token: string, session: { id: string; expiresAt: number }): void {
  decoded.set(token, session);
  if (decoded.size > MAX_REMEMBERED) {
    const oldest = decoded.keys().next();
    if (!oldest.done) decoded.delete(oldest.value);
  }
}
