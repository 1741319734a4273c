import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { signQueueTicket, verifyQueueTicket } from "./queue-ticket";
import { signWorkingToken, verifyWorkingToken } from "./working-token";

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
});
