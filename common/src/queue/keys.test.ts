import { describe, expect, it } from "vitest";
import { grantKey, parseGrantKey, queueIndexKey, queueKeys, queueScriptKeys } from "./keys";

const performanceId = "0196a4f2-7d0b-7c3e-9a51-2f4b8c6d1e90";

describe("queue keys", () => {
  it("share one hash tag per performance, so one Lua script may touch them all", () => {
    const keys = queueKeys("tp:", performanceId);
    const names = [...queueScriptKeys(keys), grantKey("tp:", performanceId, "user-1")];
    for (const name of names) expect(name).toMatch(`tp:queue:{${performanceId}}:`);
    expect(new Set(names).size).toBe(names.length);
    expect(queueIndexKey("tp:")).toBe("tp:queue:index");
  });

  it("read an expired grant's key back into its queue and user, and nothing else", () => {
    const key = grantKey("tp:", performanceId, "user_1-x");
    expect(parseGrantKey("tp:", key)).toEqual({ performanceId, userId: "user_1-x" });
    expect(parseGrantKey("other:", key)).toBeNull();
    expect(parseGrantKey("tp:", queueKeys("tp:", performanceId).active)).toBeNull();
    expect(parseGrantKey("tp:", "tp:queue:{not-a-uuid}:grant:user")).toBeNull();
    expect(parseGrantKey("tp:", "tp:holds:{x}:seat:1")).toBeNull();
  });

  it("refuse ids that could change a key's hash tag or parsing", () => {
    expect(() => queueKeys("tp:", "not-a-uuid")).toThrow();
    expect(() => grantKey("tp:", performanceId, "a}b")).toThrow();
    expect(() => grantKey("tp:", performanceId, "a:b")).toThrow();
    expect(() => grantKey("tp:", performanceId, "")).toThrow();
  });
});
