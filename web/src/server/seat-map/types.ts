/** A seat in the layout: [seatId, row, column, index into grades]. Compact: halls are big. */
export type LayoutSeat = [id: string, row: number, column: number, grade: number];

export interface LayoutGrade {
  id: string;
  name: string;
  priceMinor: number;
  currency: string;
  /** "#RRGGBB" */
  colour: string;
}

/**
 * What never changes while a schedule is on sale (short of an organizer edit, which
 * invalidates the cache): the hall grid, grades and prices, and every seat's place.
 */
export interface SeatMapLayout {
  scheduleId: string;
  performanceId: string;
  performanceName: string;
  performanceSlug: string;
  hallName: string;
  /** ISO 8601 */
  startsAt: string;
  rows: number;
  columns: number;
  maxSeatsPerReservation: number;
  grades: LayoutGrade[];
  /** Ordered by row, then column. */
  seats: LayoutSeat[];
}

/** One character per seat, in layout order. */
export type SeatStatusCode = "A" | "H" | "S";

export interface SeatMapView {
  /** Changes with every hold, release, sale and expiry; also the response's ETag. */
  version: string;
  /** Identifies the layout; send it back in x-seat-map-build to be spared the layout. */
  build: string;
  layout: SeatMapLayout;
  /** `status[i]` is the status of `layout.seats[i]`: A available, H held, S sold. */
  status: string;
}

/** The API's answer: `layout` is null when the client said it has this build. */
export type SeatMapResponse = Omit<SeatMapView, "layout"> & { layout: SeatMapLayout | null };
