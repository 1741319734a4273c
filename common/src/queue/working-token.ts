import { z } from "zod";
import type { Redis } from "ioredis";
import { AppError } from "../errors";
import { signHs256, verifyHs256Claims } from "./hs256";
import { performanceIdSchema, userIdSchema } from "./ids";
import { grantKey } from "./keys";

const TOKEN_ISSUER = "ticketping-queue";
const TOKEN_AUDIENCE = "ticketping-booking";

export interface WorkingTokenClaims {
  userId: string;
  performanceId: string;
  tokenId: string;
  /** Epoch seconds, from the token's exp claim. */
  expiresAt: number;
}

/** Issued by the queue service when an admitted buyer claims the slot. */
export async function signWorkingToken(options: {
  secret: string;
  userId: string;
  performanceId: string;
  tokenId: string;
  /** Epoch milliseconds; the grant in Redis expires at the same moment. */
  expiresAt: number;
}): Promise<string> {
  return signHs256({
    secret: options.secret,
    issuer: TOKEN_ISSUER,
    audience: TOKEN_AUDIENCE,
    subject: userIdSchema.parse(options.userId),
    // Rounded up: Redis, not the exp claim, decides the exact moment a slot ends.
    expiresAt: Math.ceil(options.expiresAt / 1000),
    tokenId: options.tokenId,
    claims: { pid: performanceIdSchema.parse(options.performanceId) },
  });
}

const tokenClaimsSchema = z.object({
  sub: userIdSchema,
  pid: performanceIdSchema,
  jti: z.string().min(1).max(64),
  exp: z.number().int(),
});

/**
 * A token's own checks, with no Redis: an HS256 signature by `secret`, issuer, audience,
 * expiry and well-formed claims. Throws AppError QUEUE_TOKEN_REQUIRED otherwise. The proxy
 * stops here; every route goes on to verifyWorkingToken.
 */
export async function verifyWorkingTokenSignature(options: {
  token: string;
  secret: string;
}): Promise<WorkingTokenClaims> {
  const claims = await verifyHs256Claims({
    token: options.token,
    secret: options.secret,
    issuer: TOKEN_ISSUER,
    audience: TOKEN_AUDIENCE,
    claims: tokenClaimsSchema,
    invalid: (cause) => new AppError("QUEUE_TOKEN_REQUIRED", "invalid working token", { cause }),
  });
  return {
    userId: claims.sub,
    performanceId: claims.pid,
    tokenId: claims.jti,
    expiresAt: claims.exp,
  };
}

/**
 * Claims of tokens that passed the signature check, by token. A token's signature and
 * claims cannot change, so a token seen before skips that check; what can change (the
 * expiry passing, the grant in Redis) is checked every time. A BoundedCache fits.
 */
export interface VerifiedWorkingTokens {
  get(token: string): WorkingTokenClaims | undefined;
  set(token: string, claims: WorkingTokenClaims): void;
  delete(token: string): void;
}

/**
 * The booking gate: signature and expiry checked locally (or remembered in `cache`), then
 * one Redis read proves the slot is still this token's (not released, revoked, expired or
 * handed to a newer grant). Throws AppError QUEUE_TOKEN_REQUIRED otherwise.
 */
export async function verifyWorkingToken(options: {
  token: string;
  secret: string;
  redis: Pick<Redis, "hget">;
  /** QUEUE_KEY_PREFIX: must match the queue service's. */
  keyPrefix: string;
  /** When given, a token for another performance is refused. */
  performanceId?: string;
  /** Where a process that sees the same tokens again keeps them (every poll repeats one). */
  cache?: VerifiedWorkingTokens;
}): Promise<WorkingTokenClaims> {
  const { token, cache } = options;
  const remembered = cache?.get(token);
  if (remembered && remembered.expiresAt * 1000 <= Date.now()) {
    cache?.delete(token);
    throw new AppError("QUEUE_TOKEN_REQUIRED", "working token has expired");
  }
  const claims =
    remembered ?? (await verifyWorkingTokenSignature({ token, secret: options.secret }));
  if (options.performanceId !== undefined && claims.performanceId !== options.performanceId) {
    throw new AppError("QUEUE_TOKEN_REQUIRED", "working token is for another performance");
  }
  const liveTokenId = await options.redis.hget(
    grantKey(options.keyPrefix, claims.performanceId, claims.userId),
    "jti",
  );
  if (liveTokenId !== claims.tokenId) {
    cache?.delete(token);
    throw new AppError("QUEUE_TOKEN_REQUIRED", "working token was released or has expired");
  }
  if (!remembered) cache?.set(token, claims);
  return claims;
}
