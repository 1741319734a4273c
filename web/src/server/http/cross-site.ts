import "server-only";
import { AppError } from "@ticketping/common/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a state-changing request a browser sent on behalf of another site (403
 * CSRF_REJECTED), whatever cookies it carries: SameSite=Lax still lets a top-level form
 * POST from a same-site page through, and older browsers ignore SameSite.
 *
 * Browsers that send Sec-Fetch-Site say where the request came from, and are believed;
 * "none" is the user's own action (a bookmark, the address bar). Older ones send Origin,
 * which must be this server's (as the browser addressed it, or the public NEXTAUTH_URL).
 * A request with neither header did not come from a browser (curl, Stripe, a test), and
 * so carries no one's cookies by accident.
 */
export function refuseCrossSite(request: Request, publicOrigin: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) {
    if (site === "same-origin" || site === "none") return;
    throw rejected(`sec-fetch-site: ${site}`);
  }
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const host = request.headers.get("host");
  const allowed = origin === publicOrigin || (host !== null && hostOf(origin) === host);
  if (!allowed) throw rejected(`origin: ${origin}`);
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    // "null" (a sandboxed frame, a file: page) names no host.
    return undefined;
  }
}

function rejected(reason: string): AppError {
  return new AppError("CSRF_REJECTED", `cross-site request refused (${reason})`);
}
