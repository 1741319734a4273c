import { WORKING_TOKEN_COOKIE } from "../booking/gate/transport";

/**
 * The Set-Cookie value that carries a working token to the booking pages: httpOnly (page
 * scripts never need it back), SameSite=Lax (sent when following a link from elsewhere,
 * not on cross-site posts), for the whole site, and gone when the token expires.
 */
export function workingTokenCookie({
  token,
  expiresAtMs,
  secure,
  now = Date.now(),
}: {
  token: string;
  expiresAtMs: number;
  secure: boolean;
  now?: number;
}): string {
  const maxAge = Math.max(0, Math.floor((expiresAtMs - now) / 1000));
  return serialize(encodeURIComponent(token), maxAge, secure);
}

/** Set-Cookie that removes the working token. */
export function clearedWorkingTokenCookie({ secure }: { secure: boolean }): string {
  return serialize("", 0, secure);
}

function serialize(value: string, maxAge: number, secure: boolean): string {
  const attributes = [
    `${WORKING_TOKEN_COOKIE}=${value}`,
    "Path=/",
    `Max-Age=${maxAge}`,
    "HttpOnly",
    "SameSite=Lax",
  ];
  if (secure) attributes.push("Secure");
  return attributes.join("; ");
}
