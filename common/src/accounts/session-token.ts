import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";

/**
 * The web app's session cookie (next-auth v4 with JWT sessions) opened and sealed with
 * node:crypto alone: a JWE, `dir` + A256GCM, under a key derived from NEXTAUTH_SECRET by
 * HKDF. next-auth derives that key again on every call; deriving it once per secret is
 * what lets the queue service accept a session at the socket's handshake for the price of
 * one AES-GCM decryption. web/src/server/auth/session-token.test.ts holds it to next-auth's
 * own encode and decode.
 */

export interface SessionClaims {
  /** Our users.id (never a provider's id). */
  userId: string;
  /** users.session_version when the session was opened. */
  sessionVersion: number;
  /** When the JWT expires, ms since the epoch. */
  expiresAt: number;
}

/** next-auth's leeway on exp and nbf. */
const CLOCK_TOLERANCE_SECONDS = 15;
const PROTECTED_HEADER = { alg: "dir", enc: "A256GCM" };
const ENCODED_HEADER = Buffer.from(JSON.stringify(PROTECTED_HEADER)).toString("base64url");

const claimsSchema = z.object({
  sub: z.uuid(),
  // Sessions opened before versions existed carry none: they belong to version 0, so
  // the first "sign out everywhere" ends them too.
  sv: z.number().int().min(0).default(0),
  exp: z.number().optional(),
  nbf: z.number().optional(),
});

const headerSchema = z.object({ alg: z.literal("dir"), enc: z.literal("A256GCM") });

const derivedKeys = new Map<string, Buffer>();

/** next-auth's "NextAuth.js Generated Encryption Key" (empty salt), once per secret. */
function keyOf(secret: string): Buffer {
  let key = derivedKeys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    derivedKeys.set(secret, key);
  }
  return key;
}

/** The decrypted payload of a session token, or null for anything this secret did not seal. */
export function openSessionPayload(token: string, secret: string): unknown {
  const parts = token.split(".");
  if (parts.length !== 5) return null;
  const [header, encryptedKey, iv, ciphertext, tag] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  try {
    const parsedHeader = headerSchema.safeParse(
      JSON.parse(Buffer.from(header, "base64url").toString("utf8")),
    );
    if (!parsedHeader.success || encryptedKey !== "") return null;
    const ivBytes = Buffer.from(iv, "base64url");
    const tagBytes = Buffer.from(tag, "base64url");
    if (ivBytes.length !== 12 || tagBytes.length !== 16) return null;
    const decipher = createDecipheriv("aes-256-gcm", keyOf(secret), ivBytes);
    decipher.setAAD(Buffer.from(header, "ascii"));
    decipher.setAuthTag(tagBytes);
    const plain = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString("utf8"));
  } catch {
    return null;
  }
}

/** The claims of a decrypted session payload, or null when they are not ours. */
export function sessionClaimsOf(payload: unknown, now = Date.now()): SessionClaims | null {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) return null;
  const { sub, sv, exp, nbf } = parsed.data;
  const nowSeconds = now / 1_000;
  if (nbf !== undefined && nbf > nowSeconds + CLOCK_TOLERANCE_SECONDS) return null;
  if (exp !== undefined && exp < nowSeconds - CLOCK_TOLERANCE_SECONDS) return null;
  return {
    userId: sub,
    sessionVersion: sv,
    expiresAt: exp === undefined ? now + 60_000 : exp * 1_000,
  };
}

/**
 * What a session cookie says, if `secret` sealed it and it has not expired; null for
 * anything else. CPU only, no I/O: whether the session was ended since (its version) is
 * the caller's check against the database.
 */
export function readSessionToken(
  token: string | null | undefined,
  secret: string,
  now = Date.now(),
): SessionClaims | null {
  if (!token) return null;
  const claims = sessionClaimsOf(openSessionPayload(token, secret), now);
  return claims && claims.expiresAt > now ? claims : null;
}

/**
 * A session token as next-auth seals it (tests and load tests sign buyers in with it;
 * the web app itself signs in through next-auth).
 */
export function sealSessionToken({
  secret,
  userId,
  sessionVersion = 0,
  maxAgeSeconds = 30 * 24 * 3_600,
  now = Date.now(),
}: {
  secret: string;
  userId: string;
  sessionVersion?: number;
  maxAgeSeconds?: number;
  now?: number;
}): string {
  const iat = Math.floor(now / 1_000);
  const payload = {
    sub: userId,
    sv: sessionVersion,
    iat,
    exp: iat + maxAgeSeconds,
    jti: randomUUID(),
  };
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(secret), iv);
  cipher.setAAD(Buffer.from(ENCODED_HEADER, "ascii"));
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(payload), "utf8"),
    cipher.final(),
  ]);
  return [
    ENCODED_HEADER,
    "",
    iv.toString("base64url"),
    ciphertext.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(".");
}

/** The cookie next-auth keeps the session in; `__Secure-` prefixed on an https site. */
export const SESSION_COOKIE_NAMES = [
  "__Secure-next-auth.session-token",
  "next-auth.session-token",
] as const;

/** The session token of a Cookie header (either name), or undefined. */
export function sessionTokenOfCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(";")) {
    const at = pair.indexOf("=");
    if (at < 0) continue;
    const name = pair.slice(0, at).trim();
    if ((SESSION_COOKIE_NAMES as readonly string[]).includes(name)) {
      return pair.slice(at + 1).trim();
    }
  }
  return undefined;
}
