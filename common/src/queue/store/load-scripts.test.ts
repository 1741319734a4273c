import { describe, expect, it } from "vitest";
import { queueScriptSource, queueScripts, type QueueScriptName } from "./load-scripts";

describe("queue Lua scripts", () => {
  const names = Object.keys(queueScripts) as QueueScriptName[];

  it.each(names)("%s opens with its KEYS, ARGV and return value, includes resolved", (name) => {
    const source = queueScriptSource(name);
    const header = /^--\[\[([\s\S]*?)\]\]/.exec(source)?.[1] ?? "";
    expect(header).toMatch(/KEYS\[1/);
    expect(header).toMatch(/ARGV\[1\]/);
    expect(header).toMatch(/Returns/);
    expect(source).not.toMatch(/@include/);
  });
});
