"use client";

import { memo } from "react";
import type { LayoutGrade } from "@/server/seat-map/types";
import type { SeatFocusProps } from "../seat-plan/use-seat-focus";
import { SeatFace } from "./seat-face";
import type { SeatState, useSeatWords } from "./seat-labels";

/**
 * One seat of the buyer's map. Memoised on plain values, so a focus move, a zoom or a
 * poll redraws only the seats it changed, and a seat's label is worked out only when the
 * seat itself changes. Its clicks, keys and focus are heard by the grid around it.
 */
export const SeatButton = memo(function SeatButton({
  id,
  row,
  column,
  grade,
  section,
  state,
  seatLabel,
  ...focus
}: SeatFocusProps & {
  id: string;
  row: number;
  column: number;
  grade: LayoutGrade | undefined;
  section: string | undefined;
  state: SeatState;
  seatLabel: ReturnType<typeof useSeatWords>["seatLabel"];
}) {
  const taken = state === "held" || state === "sold";
  return (
    <button
      {...focus}
      type="button"
      data-seat-id={id}
      data-state={state}
      aria-label={seatLabel(row, column, grade, state, section)}
      aria-pressed={state === "selected"}
      aria-disabled={taken || state === "yours"}
      // The focus ring: a dark outline beyond a white gap, so it stands out from the page,
      // its neighbours and every seat state alike.
      className={`relative block aspect-square w-full rounded-t-md rounded-b-sm text-[0.65rem] transition focus-visible:z-10 focus-visible:shadow-[0_0_0_2px_white] focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-slate-950 focus-visible:outline-solid ${taken ? "cursor-not-allowed" : "hover:brightness-110"} ${state === "selected" ? "scale-110" : ""}`}
    >
      <SeatFace state={state} colour={grade?.colour} />
    </button>
  );
});
