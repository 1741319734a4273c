import { describe, expect, it } from "vitest";
import { messagesBehind } from "./messages-behind";

describe("messagesBehind", () => {
  it("counts from the committed offset up to the target", () => {
    expect(messagesBehind({ committed: 40, low: 0 }, 100, true)).toBe(60);
    expect(messagesBehind({ committed: 40, low: 0 }, 100, false)).toBe(60);
    expect(messagesBehind({ committed: 100, low: 0 }, 100, true)).toBe(0);
  });

  it("is 0 once the group read past the target (messages written since the wait began)", () => {
    expect(messagesBehind({ committed: 130, low: 0 }, 100, true)).toBe(0);
  });

  it("counts a never-committed partition whole for a group that starts at the oldest message", () => {
    expect(messagesBehind({ committed: -1, low: 20 }, 100, true)).toBe(80);
    expect(messagesBehind({ committed: -1, low: 0 }, 0, true)).toBe(0);
  });

  it("counts nothing on a never-committed partition for a group that starts at the newest", () => {
    expect(messagesBehind({ committed: -1, low: 0 }, 100, false)).toBe(0);
  });

  it("skips what Kafka deleted: a commit older than the oldest kept message", () => {
    expect(messagesBehind({ committed: 5, low: 50 }, 100, true)).toBe(50);
  });
});
