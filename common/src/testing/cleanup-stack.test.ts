import { describe, expect, it, vi } from "vitest";
import { createCleanupStack } from "./cleanup-stack";

describe("createCleanupStack", () => {
  it("undoes in reverse order, keeps going past a failing step, and runs each step once", async () => {
    const done: string[] = [];
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const stack = createCleanupStack("test run");
    stack.push(() => done.push("database"));
    stack.push(() => {
      throw new Error("process already gone");
    });
    stack.push(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push("process");
    });
    await stack.run();
    await stack.run();
    expect(done).toEqual(["process", "database"]);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[0])).toContain("test run");
    errors.mockRestore();
  });
});
