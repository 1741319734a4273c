import { describe, expect, it } from "vitest";
import { currentLogContext, withLogContext } from "./log-context";
import { requestIdFrom } from "./request-id";

describe("requestIdFrom", () => {
  it("keeps a sane incoming id and replaces anything else with a new UUID", () => {
    expect(requestIdFrom("edge-7f3a:1")).toBe("edge-7f3a:1");
    expect(requestIdFrom(["first", "second"])).toBe("first");
    const uuid = /^[0-9a-f-]{36}$/;
    expect(requestIdFrom(undefined)).toMatch(uuid);
    expect(requestIdFrom("")).toMatch(uuid);
    expect(requestIdFrom('forged"\n{"level":60}')).toMatch(uuid);
    expect(requestIdFrom("x".repeat(129))).toMatch(uuid);
  });
});

describe("withLogContext", () => {
  it("is visible across awaits and merges nested contexts without leaking out", async () => {
    expect(currentLogContext()).toBeUndefined();
    await withLogContext({ requestId: "r1" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentLogContext()).toEqual({ requestId: "r1" });
      await withLogContext({ eventId: "e1" }, async () => {
        await Promise.resolve();
        expect(currentLogContext()).toEqual({ requestId: "r1", eventId: "e1" });
      });
      expect(currentLogContext()).toEqual({ requestId: "r1" });
    });
    expect(currentLogContext()).toBeUndefined();
  });
});
