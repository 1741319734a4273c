import { createHmac, timingSafeEqual } from "node:crypto";

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}

/**
 * The proxy's cheap pre-check of a working token: an HS256 signature by our secret and an
 * expiry in the future. No Redis and no claims beyond that: the route or page does the
 * full check (performance, user, revocation) with verifyWorkingToken.
 */
export function hasValidTokenSignature(
  token: string,
  secret: string,
  nowSeconds: number = Date.now() / 1000,
): boolean {
  const [header, payload, signature, ...rest] = token.split(".");
  if (!header || !payload || !signature || rest.length > 0) return false;
  const headerJson = decodeJson(header) as { alg?: unknown } | null;
  if (headerJson?.alg !== "HS256") return false;
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const actual = Buffer.from(signature, "base64url");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return false;
  const claims = decodeJson(payload) as { exp?: unknown } | null;
  return typeof claims?.exp === "number" && claims.exp > nowSeconds;
}
