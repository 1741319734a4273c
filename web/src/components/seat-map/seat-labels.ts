import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { findSectionOf } from "@/server/hall-plan/hall-plan";
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

/**
 * A seat in words, in the page's language: its name, and its full label for the grid. The
 * same functions for as long as the language is, so the memoised seats of the grid work
 * their labels out again only when they change.
 */
export function useSeatWords() {
  const t = useTranslations("booking");
  const locale = useLocale();
  return useMemo(() => seatWords(t, locale), [t, locale]);
}

function seatWords(
  t: ReturnType<typeof useTranslations<"booking">>,
  locale: ReturnType<typeof useLocale>,
) {
  /** "Row 3, seat 7", or "Balcony, row 3, seat 7" in a hall with sections */
  const seatName = (layout: SeatMapLayout, seatId: string): string => {
    const seat = layout.seats.find(([id]) => id === seatId);
    if (!seat) return t("someSeat");
    const [, row, column] = seat;
    const section = findSectionOf(layout.plan?.sections ?? [], row, column);
    return section
      ? t("seatNameInSection", { section: section.name, row, column })
      : t("seatName", { row, column });
  };
  /** "Row 3, seat 7, VIP, €180.00, available", the section's name first when it has one */
  const seatLabel = (
    row: number,
    column: number,
    grade: LayoutGrade | undefined,
    state: SeatState,
    section?: string,
  ): string => {
    const values = {
      row,
      column,
      grade: grade?.name ?? t("seat"),
      price: grade ? formatMoney(grade.priceMinor, grade.currency, locale) : "",
      state: t(`state_${state}`),
    };
    return section ? t("seatLabelInSection", { ...values, section }) : t("seatLabel", values);
  };
  return { seatName, seatLabel };
}
