import { describe, expect, it } from "vitest";
import { routePattern } from "./route-pattern";

describe("routePattern", () => {
  it("replaces each matched param with its name", () => {
    expect(routePattern("/api/schedules/0b6f/seat-map", { scheduleId: "0b6f" })).toBe(
      "/api/schedules/[scheduleId]/seat-map",
    );
    expect(routePattern("/api/admin/performances/p1/grades", { id: "p1" })).toBe(
      "/api/admin/performances/[id]/grades",
    );
  });

  it("keeps a path without params as it is", () => {
    expect(routePattern("/api/performances", {})).toBe("/api/performances");
    expect(routePattern("/api/performances", undefined)).toBe("/api/performances");
  });

  it("matches encoded values and prefers the rightmost segment", () => {
    expect(routePattern("/api/performances/caf%C3%A9", { slug: "café" })).toBe(
      "/api/performances/[slug]",
    );
    expect(routePattern("/api/performances/performances", { slug: "performances" })).toBe(
      "/api/performances/[slug]",
    );
  });

  it("collapses a catch-all into one segment", () => {
    expect(
      routePattern("/api/auth/callback/credentials", { nextauth: ["callback", "credentials"] }),
    ).toBe("/api/auth/[...nextauth]");
  });
});
