// A hall's aisles and sections, as the seat map draws them. No zod: the console's editor
// and the buyer's seat map read these types and limits without pulling zod into the browser.

/** A named block of seats: rows fromRow..toRow by columns fromColumn..toColumn, inclusive. */
export interface HallSection {
  name: string;
  fromRow: number;
  toRow: number;
  fromColumn: number;
  toColumn: number;
}

/**
 * Aisles are gaps after the given rows and columns; they move no seat, so row and seat
 * numbers stay the hall's own. Sections never overlap: a seat is in one section at most.
 */
export interface HallPlan {
  aisleAfterRows: number[];
  aisleAfterColumns: number[];
  sections: HallSection[];
}

export const hallPlanLimits = {
  /** Aisles of each direction; sections. The database's CHECKs say the same. */
  aisles: 20,
  sections: 20,
  sectionName: { min: 1, max: 40 },
} as const;

/** A hall without aisles or sections: how every hall looked before they existed. */
export const NO_HALL_PLAN: HallPlan = { aisleAfterRows: [], aisleAfterColumns: [], sections: [] };

/** The section a seat belongs to, if any. */
export function findSectionOf(
  sections: readonly HallSection[],
  row: number,
  column: number,
): HallSection | undefined {
  return sections.find(
    (section) =>
      row >= section.fromRow &&
      row <= section.toRow &&
      column >= section.fromColumn &&
      column <= section.toColumn,
  );
}
