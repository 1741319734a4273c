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
  const session = token
    ? await decode({ token, secret: env.NEXTAUTH_SECRET }).catch(() => null)
    : null;
  if (!session?.sub) throw new AppError("UNAUTHENTICATED", "no session");
  return { id: session.sub };
}
