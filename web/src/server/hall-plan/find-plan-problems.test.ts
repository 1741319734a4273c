import { describe, expect, it } from "vitest";
import { findPlanProblems } from "./find-plan-problems";

const section = (
  name: string,
  fromRow: number,
  toRow: number,
  fromColumn: number,
  toColumn: number,
) => ({
  name,
  fromRow,
  toRow,
  fromColumn,
  toColumn,
});
const plan = (
  sections: ReturnType<typeof section>[],
  aisles: Partial<Record<"aisleAfterRows" | "aisleAfterColumns", number[]>> = {},
) => ({
  aisleAfterRows: [],
  aisleAfterColumns: [],
  ...aisles,
  sections,
});
const hall = { rows: 10, columns: 8 };

describe("a hall plan's problems", () => {
  it("are none for sections side by side, above one another, or touching at a corner", () => {
    const sections = [
      section("Left", 1, 5, 1, 4),
      section("Right", 1, 5, 5, 8),
      section("Back left", 6, 10, 1, 4),
      section("Back right", 6, 10, 5, 8),
    ];
    expect(
      findPlanProblems(plan(sections, { aisleAfterRows: [5], aisleAfterColumns: [4] }), hall),
    ).toEqual([]);
  });

  it("name the later of two sections sharing even one seat, and the other", () => {
    const problems = findPlanProblems(
      plan([section("Floor", 1, 5, 1, 4), section("Box", 5, 6, 4, 5)]),
      hall,
    );
    expect(problems).toEqual([
      { path: "sections.1.name", code: "SECTIONS_OVERLAP", values: { other: "Floor" } },
    ]);
  });

  it("compare with the hall only when given it", () => {
    const outside = plan([section("Deep", 1, 11, 1, 9)], { aisleAfterRows: [10] });
    expect(findPlanProblems(outside)).toEqual([]);
    expect(findPlanProblems(outside, hall).map((problem) => [problem.path, problem.code])).toEqual([
      ["aisleAfterRows.0", "AISLE_OUTSIDE"],
      ["sections.0.toRow", "SECTION_OUTSIDE"],
      ["sections.0.toColumn", "SECTION_OUTSIDE"],
    ]);
  });
});
