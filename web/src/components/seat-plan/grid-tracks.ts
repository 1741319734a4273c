import { NO_HALL_PLAN, type HallPlan, type HallSection } from "../../server/hall-plan/hall-plan";

/** What one track of the seat map's CSS grid holds. */
export type TrackKind = "header" | "label" | "seat" | "aisle";

/** A section's box and its label, as grid lines (1-based, end exclusive). */
export interface SectionArea {
  section: HallSection;
  labelRow: number;
  rowStart: number;
  rowEnd: number;
  columnStart: number;
  columnEnd: number;
}

export interface GridTracks {
  /** Track 1 is the row numbers' column, then seats and aisles. */
  columns: TrackKind[];
  /** Track 1 is the seat numbers' row, then section labels, seats and aisles. */
  rows: TrackKind[];
  /** The grid track of seat column `column` / row `row` (1-based, as the hall numbers them). */
  columnOf: (column: number) => number;
  rowOf: (row: number) => number;
  sections: SectionArea[];
}

/**
 * Where every seat, aisle and section label goes on the grid. Aisles and labels are tracks
 * of their own between the seats' tracks, so a seat keeps its hall number whatever lies
 * beside it, and a hall without a plan gets exactly one track per row and column.
 */
export function planGridTracks(layout: {
  rows: number;
  columns: number;
  plan?: HallPlan | undefined;
}): GridTracks {
  const plan = layout.plan ?? NO_HALL_PLAN;
  const aisleAfterColumns = new Set(plan.aisleAfterColumns);
  const aisleAfterRows = new Set(plan.aisleAfterRows);
  const labelledRows = new Set(plan.sections.map((section) => section.fromRow));

  const columns: TrackKind[] = ["header"];
  const columnTrack: number[] = [];
  for (let column = 1; column <= layout.columns; column += 1) {
    columnTrack[column] = columns.push("seat");
    if (aisleAfterColumns.has(column) && column < layout.columns) columns.push("aisle");
  }

  const rows: TrackKind[] = ["header"];
  const rowTrack: number[] = [];
  const labelTrack: number[] = [];
  for (let row = 1; row <= layout.rows; row += 1) {
    if (labelledRows.has(row)) labelTrack[row] = rows.push("label");
    rowTrack[row] = rows.push("seat");
    if (aisleAfterRows.has(row) && row < layout.rows) rows.push("aisle");
  }

  const columnOf = (column: number) => columnTrack[column] ?? 1;
  const rowOf = (row: number) => rowTrack[row] ?? 1;
  return {
    columns,
    rows,
    columnOf,
    rowOf,
    sections: plan.sections.map((section) => ({
      section,
      labelRow: labelTrack[section.fromRow] ?? rowOf(section.fromRow),
      rowStart: labelTrack[section.fromRow] ?? rowOf(section.fromRow),
      rowEnd: rowOf(Math.min(section.toRow, layout.rows)) + 1,
      columnStart: columnOf(section.fromColumn),
      columnEnd: columnOf(Math.min(section.toColumn, layout.columns)) + 1,
    })),
  };
}
