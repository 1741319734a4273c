import { describe, expect, it } from "vitest";
import { allowedMethods } from "./allowed-methods";

describe("allowedMethods", () => {
  it("lists a route's methods as Next.js serves them: HEAD with GET, and OPTIONS", () => {
    expect(allowedMethods("/api/health")).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(allowedMethods("/api/queue/working-token")).toEqual(["DELETE", "OPTIONS", "POST"]);
  });

  it("matches dynamic segments and catch-alls, documented or not", () => {
    expect(allowedMethods("/api/schedules/0191a0c4-0000-7000-8000-000000000000/holds")).toEqual([
      "GET",
      "HEAD",
      "OPTIONS",
      "POST",
    ]);
    expect(allowedMethods("/api/auth/callback/credentials")).toEqual([
      "GET",
      "HEAD",
      "OPTIONS",
      "POST",
    ]);
    expect(allowedMethods("/simulated-checkout/sim_123/submit")).toEqual(["OPTIONS", "POST"]);
  });

  it("knows no API path that no route serves; any other path is a page", () => {
    expect(allowedMethods("/api/nothing-here")).toBeUndefined();
    expect(allowedMethods("/api/holds")).toBeUndefined();
    expect(allowedMethods("/performances")).toEqual(["GET", "HEAD"]);
  });
});
