import { describe, expect, it } from "vitest";
import { splitEvenly } from "./split-evenly";

describe("splitEvenly", () => {
  it("covers [0, total) with contiguous ranges, one per part, the first ones fuller", () => {
    expect(splitEvenly(5, 2)).toEqual([
      [0, 3],
      [3, 5],
    ]);
    expect(splitEvenly(20_000, 2)).toEqual([
      [0, 10_000],
      [10_000, 20_000],
    ]);
    // More parts than items: the last ones are empty.
    expect(splitEvenly(2, 3)).toEqual([
      [0, 1],
      [1, 2],
      [2, 2],
    ]);
  });
});
