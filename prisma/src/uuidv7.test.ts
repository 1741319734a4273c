import { describe, expect, it } from "vitest";
import { z } from "zod";
import { uuidv7 } from "./uuidv7";

describe("uuidv7", () => {
  it("is a valid version-7 UUID whose order follows time", () => {
    const first = uuidv7(1_700_000_000_000);
    const second = uuidv7(1_700_000_000_001);
    expect(z.uuid({ version: "v7" }).safeParse(first).success).toBe(true);
    expect(first < second).toBe(true);
  });
});
