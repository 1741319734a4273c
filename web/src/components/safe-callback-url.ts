/**
 * Where to go after signing in or up. Only paths on this site: an absolute or
 * protocol-relative URL here would turn the sign-in page into an open redirect.
 */
export function safeCallbackUrl(value: string | string[] | undefined, fallback = "/performances") {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate?.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) {
    return fallback;
  }
  return candidate;
}
