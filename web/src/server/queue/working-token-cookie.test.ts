import { describe, expect, it } from "vitest";
import { clearedWorkingTokenCookie, workingTokenCookie } from "./working-token-cookie";

describe("workingTokenCookie", () => {
  it("lives until the token expires, httpOnly and SameSite=Lax on the whole site", () => {
    const cookie = workingTokenCookie({
      token: "a.b.c",
      expiresAtMs: 1_000_600_500,
      secure: false,
      now: 1_000_000_000,
    });
    expect(cookie).toBe(
      "ticketping-working-token=a.b.c; Path=/; Max-Age=600; HttpOnly; SameSite=Lax",
    );
  });

  it("is Secure over https", () => {
    const cookie = workingTokenCookie({ token: "t", expiresAtMs: 61_000, secure: true, now: 0 });
    expect(cookie.split("; ")).toContain("Secure");
  });

  it("never has a negative lifetime", () => {
    const cookie = workingTokenCookie({ token: "t", expiresAtMs: 0, secure: false, now: 5_000 });
    expect(cookie).toContain("Max-Age=0;");
  });
});

describe("clearedWorkingTokenCookie", () => {
  it("expires the cookie at once with the same attributes", () => {
    expect(clearedWorkingTokenCookie({ secure: true })).toBe(
      "ticketping-working-token=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure",
    );
  });
});
