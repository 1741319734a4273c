import type { LayoutGrade, SeatMapLayout, SeatStatusCode } from "@/server/seat-map/types";
import { formatMoney } from "../format";

/** What a buyer sees of one seat, after applying their own selection and hold. */
export type SeatState = "available" | "selected" | "yours" | "held" | "sold";

export function seatState(
  code: SeatStatusCode,
  { selected, mine }: { selected: boolean; mine: boolean },
): SeatState {
  if (mine) return "yours";
  if (code === "S") return "sold";
  if (code === "H") return "held";
  return selected ? "selected" : "available";
}

const stateWords: Record<SeatState, string> = {
  available: "available",
  selected: "selected",
  yours: "held by you",
  held: "held by someone else",
  sold: "sold",
};

/** "Row 3, seat 7, VIP, €180.00, available" */
export function seatLabel(
  row: number,
  column: number,
  grade: LayoutGrade | undefined,
  state: SeatState,
) {
  const price = grade ? formatMoney(grade.priceMinor, grade.currency) : "";
  return `Row ${row}, seat ${column}, ${grade?.name ?? "seat"}, ${price}, ${stateWords[state]}`;
}

export function seatName(layout: SeatMapLayout, seatId: string): string {
  const seat = layout.seats.find(([id]) => id === seatId);
  return seat ? `Row ${seat[1]}, seat ${seat[2]}` : "A seat";
}
