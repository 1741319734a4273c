import { describe, expect, it } from "vitest";
import { planGridTracks } from "./grid-tracks";

describe("the seat map's grid tracks", () => {
  it("are one per row and column, after the numbers, for a hall without a plan", () => {
    const tracks = planGridTracks({ rows: 2, columns: 3 });
    expect(tracks.columns).toEqual(["header", "seat", "seat", "seat"]);
    expect(tracks.rows).toEqual(["header", "seat", "seat"]);
    expect([1, 2, 3].map(tracks.columnOf)).toEqual([2, 3, 4]);
    expect(tracks.sections).toEqual([]);
  });

  it("put aisles between seats and labels above sections, keeping each seat's number", () => {
    const floor = { name: "Floor", fromRow: 1, toRow: 2, fromColumn: 1, toColumn: 4 };
    const balcony = { name: "Balcony", fromRow: 3, toRow: 3, fromColumn: 2, toColumn: 3 };
    const tracks = planGridTracks({
      rows: 3,
      columns: 4,
      plan: {
        // An aisle after the last row or column would lie outside: none is drawn.
        aisleAfterRows: [2, 3],
        aisleAfterColumns: [2, 4],
        sections: [floor, balcony],
      },
    });
    expect(tracks.columns).toEqual(["header", "seat", "seat", "aisle", "seat", "seat"]);
    expect([1, 2, 3, 4].map(tracks.columnOf)).toEqual([2, 3, 5, 6]);
    expect(tracks.rows).toEqual(["header", "label", "seat", "seat", "aisle", "label", "seat"]);
    expect([1, 2, 3].map(tracks.rowOf)).toEqual([3, 4, 7]);
    expect(tracks.sections).toEqual([
      { section: floor, labelRow: 2, rowStart: 2, rowEnd: 5, columnStart: 2, columnEnd: 7 },
      { section: balcony, labelRow: 6, rowStart: 6, rowEnd: 8, columnStart: 3, columnEnd: 6 },
    ]);
  });
});
