import "server-only";

/**
 * The page a form was posted from (its Referer), as a path on this site; "/performances"
 * when there is none or it names another site, so the answer is never an open redirect.
 */
export function returnPathOf(request: Request): string {
  const referer = request.headers.get("referer");
  if (!referer) return "/performances";
  try {
    const from = new URL(referer);
    const host = request.headers.get("host");
    if (host === null || from.host !== host) return "/performances";
    return `${from.pathname}${from.search}`;
  } catch {
    return "/performances";
  }
}
