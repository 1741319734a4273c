import { jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import type { z } from "zod";

const encoder = new TextEncoder();

/** Shared secrets must be long enough that guessing them is no shortcut. */
export const MIN_SECRET_LENGTH = 32;

// Importing the key is as costly as the HMAC itself; a process uses one or two secrets.
const importedKeys = new Map<string, Promise<CryptoKey>>();

function keyFrom(secret: string): Promise<CryptoKey> {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`HS256 secrets must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  let key = importedKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    importedKeys.set(secret, key);
  }
  return key;
}

export async function signHs256(options: {
  secret: string;
  issuer: string;
  audience: string;
  subject: string;
  /** Epoch seconds. */
  expiresAt: number;
  tokenId?: string;
  claims?: JWTPayload;
}): Promise<string> {
  const jwt = new SignJWT(options.claims ?? {})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(options.expiresAt);
  if (options.tokenId !== undefined) jwt.setJti(options.tokenId);
  return jwt.sign(await keyFrom(options.secret));
}

/** Verifies signature, algorithm, issuer, audience and expiry; throws on any mismatch. */
export async function verifyHs256(options: {
  token: string;
  secret: string;
  issuer: string;
  audience: string;
}): Promise<JWTPayload> {
  const { payload } = await jwtVerify(options.token, await keyFrom(options.secret), {
    algorithms: ["HS256"],
    issuer: options.issuer,
    audience: options.audience,
    requiredClaims: ["sub", "exp"],
  });
  return payload;
}

/**
 * verifyHs256, then the claims' own shape: one failure, whatever its cause, becomes the
 * caller's error (each token kind answers its own code, and never says which check failed).
 */
export async function verifyHs256Claims<Schema extends z.ZodType>(options: {
  token: string;
  secret: string;
  issuer: string;
  audience: string;
  claims: Schema;
  invalid: (cause: unknown) => Error;
}): Promise<z.infer<Schema>> {
  try {
    return options.claims.parse(await verifyHs256(options));
  } catch (error) {
    throw options.invalid(error);
  }
}
