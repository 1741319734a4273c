import { useLocale, useTranslations } from "next-intl";
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

/** A seat in words, in the page's language: its name, and its full label for the grid. */
export function useSeatWords() {
  const t = useTranslations("booking");
  const locale = useLocale();
  /** "Row 3, seat 7" */
  const seatName = (layout: SeatMapLayout, seatId: string): string => {
    const seat = layout.seats.find(([id]) => id === seatId);
    return seat ? t("seatName", { row: seat[1], column: seat[2] }) : t("someSeat");
  };
  /** "Row 3, seat 7, VIP, €180.00, available" */
  const seatLabel = (
    row: number,
    column: number,
    grade: LayoutGrade | undefined,
    state: SeatState,
  ): string =>
    t("seatLabel", {
      row,
      column,
      grade: grade?.name ?? t("seat"),
      price: grade ? formatMoney(grade.priceMinor, grade.currency, locale) : "",
      state: t(`state_${state}`),
    });
  return { seatName, seatLabel };
}
