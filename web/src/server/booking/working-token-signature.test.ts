import { describe, expect, it } from "vitest";
import { signWorkingToken } from "@ticketping/common/queue";
import { hasValidTokenSignature } from "./working-token-signature";

const secret = "a-test-secret-that-is-long-enough-0000000";
const claims = {
  userId: "0196f5a2-0000-7000-8000-000000000001",
  performanceId: "0196f5a2-0000-7000-8000-000000000002",
  tokenId: "token-1",
};

describe("the proxy's working-token pre-check", () => {
  it("accepts a token the queue service signed that has not expired", async () => {
    const token = await signWorkingToken({ ...claims, secret, expiresAt: Date.now() + 60_000 });
    expect(hasValidTokenSignature(token, secret)).toBe(true);
  });

  it("refuses another secret, an expired token, a tampered payload and an unsigned token", async () => {
    const token = await signWorkingToken({ ...claims, secret, expiresAt: Date.now() + 60_000 });
    expect(hasValidTokenSignature(token, `${secret}x`)).toBe(false);

    const expired = await signWorkingToken({ ...claims, secret, expiresAt: Date.now() - 2_000 });
    expect(hasValidTokenSignature(expired, secret)).toBe(false);

    const [header, payload, signature] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? "", "base64url").toString()),
        sub: "x",
      }),
    ).toString("base64url");
    expect(hasValidTokenSignature(`${header}.${forged}.${signature}`, secret)).toBe(false);

    const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    expect(hasValidTokenSignature(`${none}.${payload}.`, secret)).toBe(false);
    expect(hasValidTokenSignature("not-a-token", secret)).toBe(false);
  });
});
