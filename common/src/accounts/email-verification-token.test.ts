import { describe, expect, it } from "vitest";
import { readEmailVerificationToken, signEmailVerificationToken } from "./email-verification-token";

const secret = "a-test-secret-of-at-least-thirty-two-characters";
const verificationId = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const now = new Date("2026-12-06T10:00:00Z");
const expiresAt = new Date("2026-12-07T10:00:00Z");
const token = signEmailVerificationToken({ secret, verificationId, expiresAt });

describe("email verification tokens", () => {
  it("name their verification and expiry, short enough for a mail link", () => {
    expect(readEmailVerificationToken({ secret, token, now })).toEqual({
      valid: true,
      verificationId,
      expiresAt,
    });
    expect(token.length).toBeLessThan(100);
  });

  it("are expired from their expiry on", () => {
    expect(readEmailVerificationToken({ secret, token, now: expiresAt })).toEqual({
      valid: false,
      reason: "expired",
    });
  });

  it("are invalid when tampered with, signed with another secret, or malformed", () => {
    const [id, seconds, mac] = token.split(".") as [string, string, string];
    const later = `${id}.${Number(seconds) + 86_400}.${mac}`;
    const otherId = `${id.slice(0, -1)}c.${seconds}.${mac}`;
    const otherSecret = signEmailVerificationToken({
      secret: `${secret}-other`,
      verificationId,
      expiresAt,
    });
    // A forged token says "invalid" even when the expiry it claims has passed.
    const forgedExpired = `${id}.${Math.floor(now.getTime() / 1000) - 1}.${mac}`;
    for (const bad of [later, otherId, otherSecret, forgedExpired, "", "a.b.c", `${token}.x`]) {
      expect(readEmailVerificationToken({ secret, token: bad, now })).toEqual({
        valid: false,
        reason: "invalid",
      });
    }
  });
});
