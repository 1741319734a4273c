import { env } from "@/env";

/**
 * The cookie next-auth keeps the session JWT in: `__Secure-` prefixed when the site is
 * served over https, as next-auth names it itself.
 */
export const SESSION_COOKIE = `${env.NEXTAUTH_URL.startsWith("https://") ? "__Secure-" : ""}next-auth.session-token`;
