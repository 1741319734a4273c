import { randomUUID } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { readSessionToken, sealSessionToken } from "@ticketping/common/accounts";

// The queue service opens the web app's session cookie without next-auth: the two must
// agree on every token, both ways, or a buyer would be refused at the socket.
const secret = "a-test-secret-of-thirty-two-characters-at-least";

describe("session tokens without next-auth", () => {
  it("open what next-auth sealed, with its subject and session version", async () => {
    const userId = randomUUID();
    const token = await encode({ token: { sub: userId, sv: 3 }, secret, maxAge: 600 });
    const claims = readSessionToken(token, secret);
    expect(claims?.userId).toBe(userId);
    expect(claims?.sessionVersion).toBe(3);
    expect(claims?.expiresAt).toBeGreaterThan(Date.now() + 590_000);
  });

  it("seal what next-auth opens", async () => {
    const userId = randomUUID();
    const payload = await decode({
      token: sealSessionToken({ secret, userId, sessionVersion: 2 }),
      secret,
    });
    expect(payload?.sub).toBe(userId);
    expect(payload?.sv).toBe(2);
  });

  it("refuse another secret's token, a tampered one and an expired one", async () => {
    const userId = randomUUID();
    const token = await encode({ token: { sub: userId }, secret, maxAge: 600 });
    expect(readSessionToken(token, `${secret}-other`)).toBeNull();
    const parts = token.split(".");
    const body = Buffer.from(parts[3] ?? "", "base64url");
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString("base64url");
    expect(readSessionToken(parts.join("."), secret)).toBeNull();
    expect(readSessionToken("not.a.token", secret)).toBeNull();
    const expired = sealSessionToken({
      secret,
      userId,
      now: Date.now() - 3_600_000,
      maxAgeSeconds: 60,
    });
    expect(readSessionToken(expired, secret)).toBeNull();
  });
});
