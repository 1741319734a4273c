import { describe, expect, it } from "vitest";
import { createBoundedCache } from "../cache";
import { AppError } from "../errors";
import { signQueueTicket, verifyQueueTicket } from "./queue-ticket";
import {
  signWorkingToken,
  verifyWorkingToken,
  verifyWorkingTokenSignature,
  type WorkingTokenClaims,
} from "./working-token";

const ticketSecret = "ticket-secret-for-unit-tests-0000000000";
const tokenSecret = "token-secret-for-unit-tests-00000000000";
const performanceId = "0196a4f2-7d0b-7c3e-9a51-2f4b8c6d1e90";

function redisWith(liveTokenId: string | null) {
  const reads: string[] = [];
  return {
    reads,
    hget: (key: string) => {
      reads.push(key);
      return Promise.resolve(liveTokenId);
    },
  };
}

describe("queue tickets", () => {
  it("carry the signed-in user to the socket handshake", async () => {
    const ticket = await signQueueTicket({ secret: ticketSecret, userId: "user-1" });
    await expect(verifyQueueTicket({ secret: ticketSecret, ticket })).resolves.toMatchObject({
      userId: "user-1",
    });
  });

  it("name the performance they open, when the web app binds them to one", async () => {
    const bound = await signQueueTicket({ secret: ticketSecret, userId: "user-1", performanceId });
    await expect(verifyQueueTicket({ secret: ticketSecret, ticket: bound })).resolves.toMatchObject(
      { userId: "user-1", performanceId },
    );
    const unbound = await signQueueTicket({ secret: ticketSecret, userId: "user-1" });
    const verified = await verifyQueueTicket({ secret: ticketSecret, ticket: unbound });
    expect(verified.performanceId).toBeUndefined();
    await expect(
      signQueueTicket({ secret: ticketSecret, userId: "user-1", performanceId: "not-a-uuid" }),
    ).rejects.toThrow();
  });

  it("each have an id of their own, so a use can be remembered", async () => {
    const tickets = await Promise.all(
      [1, 2].map(() => signQueueTicket({ secret: ticketSecret, userId: "user-1" })),
    );
    const [first, second] = await Promise.all(
      tickets.map((ticket) => verifyQueueTicket({ secret: ticketSecret, ticket })),
    );
    expect(first?.ticketId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first?.ticketId).not.toBe(second?.ticketId);
  });

  it("are refused when forged, expired or meant for something else", async () => {
    const forged = await signQueueTicket({ secret: tokenSecret, userId: "user-1" });
    const expired = await signQueueTicket({ secret: ticketSecret, userId: "u", ttlSeconds: -5 });
    const workingToken = await signWorkingToken({
      secret: ticketSecret,
      userId: "user-1",
      performanceId,
      tokenId: "t",
      expiresAt: Date.now() + 60_000,
    });
    for (const ticket of [forged, expired, workingToken, "garbage"]) {
      await expect(verifyQueueTicket({ secret: ticketSecret, ticket })).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
      });
    }
  });

  it("need a secret long enough to resist guessing", async () => {
    await expect(signQueueTicket({ secret: "short", userId: "user-1" })).rejects.toThrow(/32/);
  });
});

describe("working tokens", () => {
  const sign = (overrides: Partial<Parameters<typeof signWorkingToken>[0]> = {}) =>
    signWorkingToken({
      secret: tokenSecret,
      userId: "user-1",
      performanceId,
      tokenId: "token-1",
      expiresAt: Date.now() + 60_000,
      ...overrides,
    });

  it("pass the booking gate with one Redis read while their grant is live", async () => {
    const redis = redisWith("token-1");
    const claims = await verifyWorkingToken({
      token: await sign(),
      secret: tokenSecret,
      redis,
      keyPrefix: "tp:",
      performanceId,
    });
    expect(claims).toMatchObject({ userId: "user-1", performanceId, tokenId: "token-1" });
    expect(redis.reads).toEqual([`tp:queue:{${performanceId}}:grant:user-1`]);
  });

  it("are refused once released, revoked or replaced, and when forged or expired", async () => {
    const cases = [
      { token: await sign(), redis: redisWith(null) },
      { token: await sign(), redis: redisWith("newer-token") },
      { token: await sign({ secret: ticketSecret }), redis: redisWith("token-1") },
      { token: await sign({ expiresAt: Date.now() - 5_000 }), redis: redisWith("token-1") },
    ];
    for (const { token, redis } of cases) {
      const verifying = verifyWorkingToken({ token, secret: tokenSecret, redis, keyPrefix: "tp:" });
      await expect(verifying).rejects.toBeInstanceOf(AppError);
      await expect(verifying).rejects.toMatchObject({ code: "QUEUE_TOKEN_REQUIRED" });
    }
  });

  it("are checked once per cache: a remembered token skips the signature, never the grant", async () => {
    const cache = createBoundedCache<string, WorkingTokenClaims>({ maxEntries: 10 });
    const token = await sign();
    const live = redisWith("token-1");
    const gate = { token, keyPrefix: "tp:", performanceId, cache };
    await verifyWorkingToken({ ...gate, secret: tokenSecret, redis: live });
    expect(cache.get(token)).toMatchObject({ tokenId: "token-1" });
    // Remembered: the signature is not checked again (another secret would fail it)...
    await expect(
      verifyWorkingToken({ ...gate, secret: ticketSecret, redis: live }),
    ).resolves.toMatchObject({ userId: "user-1" });
    expect(live.reads).toHaveLength(2);
    // ...but the performance and the grant are, and a released grant is forgotten.
    await expect(
      verifyWorkingToken({ ...gate, secret: tokenSecret, redis: live, performanceId: "x" }),
    ).rejects.toMatchObject({ code: "QUEUE_TOKEN_REQUIRED" });
    await expect(
      verifyWorkingToken({ ...gate, secret: tokenSecret, redis: redisWith(null) }),
    ).rejects.toMatchObject({ code: "QUEUE_TOKEN_REQUIRED" });
    expect(cache.get(token)).toBeUndefined();
  });

  it("are refused once a remembered token's expiry passed, without a Redis read", async () => {
    const cache = createBoundedCache<string, WorkingTokenClaims>({ maxEntries: 10 });
    const token = await sign();
    cache.set(token, {
      userId: "user-1",
      performanceId,
      tokenId: "token-1",
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    const redis = redisWith("token-1");
    const verifying = verifyWorkingToken({
      token,
      secret: tokenSecret,
      redis,
      keyPrefix: "tp:",
      cache,
    });
    await expect(verifying).rejects.toMatchObject({ code: "QUEUE_TOKEN_REQUIRED" });
    expect(redis.reads).toEqual([]);
    expect(cache.get(token)).toBeUndefined();
  });
});

describe("the working token's own check (the proxy's, no Redis)", () => {
  const claims = { userId: "user-1", performanceId, tokenId: "token-1" };

  it("accepts a token the queue service signed that has not expired", async () => {
    const token = await signWorkingToken({
      ...claims,
      secret: tokenSecret,
      expiresAt: Date.now() + 60_000,
    });
    await expect(
      verifyWorkingTokenSignature({ token, secret: tokenSecret }),
    ).resolves.toMatchObject(claims);
  });

  it("refuses another secret, an expired token, a tampered payload and an unsigned token", async () => {
    const token = await signWorkingToken({
      ...claims,
      secret: tokenSecret,
      expiresAt: Date.now() + 60_000,
    });
    const expired = await signWorkingToken({
      ...claims,
      secret: tokenSecret,
      expiresAt: Date.now() - 2_000,
    });
    const [header, payload, signature] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({
        ...(JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as object),
        sub: "user-2",
      }),
    ).toString("base64url");
    const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const refused: [string, string][] = [
      [token, `${tokenSecret}x`],
      [expired, tokenSecret],
      [`${header}.${forged}.${signature}`, tokenSecret],
      [`${none}.${payload}.`, tokenSecret],
      ["not-a-token", tokenSecret],
    ];
    for (const [candidate, secret] of refused) {
      await expect(verifyWorkingTokenSignature({ token: candidate, secret })).rejects.toMatchObject(
        { code: "QUEUE_TOKEN_REQUIRED" },
      );
    }
  });
});
