"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import type { SeatMapLayout, SeatStatusCode } from "@/server/seat-map/types";
import { seatLabel, seatState, type SeatState } from "./seat-labels";

const stateClasses: Record<SeatState, string> = {
  available: "hover:scale-110 hover:brightness-110",
  selected: "ring-2 ring-offset-1 ring-slate-900 scale-110",
  yours: "ring-2 ring-offset-1 ring-emerald-600",
  held: "!bg-slate-300 opacity-70 cursor-not-allowed",
  sold: "!bg-slate-500 opacity-60 cursor-not-allowed",
};

const stateGlyph: Partial<Record<SeatState, string>> = { selected: "✓", yours: "✓", sold: "×" };

/**
 * The hall as a CSS grid, one button per seat, seen from the stage. Keyboard: one seat
 * is in the tab order (roving tabindex); arrow keys move between seats, Home/End to the
 * row's ends, Space/Enter toggles. Taken seats stay focusable so they can be heard.
 */
export function SeatGrid({
  layout,
  status,
  selected,
  mine,
  onToggle,
}: {
  layout: SeatMapLayout;
  status: string;
  selected: ReadonlySet<string>;
  mine: ReadonlySet<string>;
  onToggle: (seatId: string) => void;
}) {
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef(new Map<number, HTMLButtonElement>());
  const positions = new Map(
    layout.seats.map(([, row, column], index) => [`${row}:${column}`, index]),
  );

  const moveFocus = (index: number) => {
    setFocusIndex(index);
    buttons.current.get(index)?.focus();
  };

  /** The nearest seat from (row, column) stepping by (dRow, dColumn), if any. */
  const seek = (row: number, column: number, dRow: number, dColumn: number) => {
    for (
      let r = row + dRow, c = column + dColumn;
      r >= 1 && r <= layout.rows && c >= 1 && c <= layout.columns;
      r += dRow, c += dColumn
    ) {
      const found = positions.get(`${r}:${c}`);
      if (found !== undefined) return found;
    }
    return undefined;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const seat = layout.seats[index];
    if (!seat) return;
    const [, row, column] = seat;
    const steps: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    let target: number | undefined;
    const step = steps[event.key];
    if (step) target = seek(row, column, step[0], step[1]);
    else if (event.key === "Home") target = seek(row, 0, 0, 1);
    else if (event.key === "End") target = seek(row, layout.columns + 1, 0, -1);
    else return;
    event.preventDefault();
    if (target !== undefined) moveFocus(target);
  };

  const rows = Array.from({ length: layout.rows }, (_, r) => r + 1);
  return (
    <div className="overflow-x-auto pb-2">
      <div
        role="grid"
        aria-label="Seats, seen from the stage"
        className="mx-auto grid w-full min-w-min gap-0.5 sm:gap-1"
        // Seats shrink to fit a phone down to a size a finger can still hit; wider halls
        // scroll sideways. On a laptop they stop growing at 2rem.
        style={{
          gridTemplateColumns: `auto repeat(${layout.columns}, minmax(0.875rem, 2rem))`,
          maxWidth: `${layout.columns * 2.25 + 2}rem`,
        }}
      >
        {rows.map((row) => (
          <div key={row} role="row" className="contents">
            <span role="rowheader" className="pr-1 text-right text-xs leading-6 text-slate-500">
              {row}
            </span>
            {Array.from({ length: layout.columns }, (_, c) => {
              const index = positions.get(`${row}:${c + 1}`);
              const seat = index === undefined ? undefined : layout.seats[index];
              if (index === undefined || !seat) {
                return <span key={c} role="gridcell" aria-hidden="true" />;
              }
              const [id, , column, gradeIndex] = seat;
              const grade = layout.grades[gradeIndex];
              const code = (status[index] ?? "A") as SeatStatusCode;
              const state = seatState(code, { selected: selected.has(id), mine: mine.has(id) });
              const taken = state === "held" || state === "sold";
              return (
                <span key={id} role="gridcell">
                  <button
                    ref={(element) => {
                      if (element) buttons.current.set(index, element);
                      else buttons.current.delete(index);
                    }}
                    type="button"
                    data-seat-id={id}
                    data-state={state}
                    tabIndex={index === focusIndex ? 0 : -1}
                    aria-label={seatLabel(row, column, grade, state)}
                    aria-pressed={state === "selected"}
                    aria-disabled={taken || state === "yours"}
                    onFocus={() => {
                      setFocusIndex(index);
                    }}
                    onKeyDown={(event) => {
                      onKeyDown(event, index);
                    }}
                    onClick={() => {
                      if (!taken && state !== "yours") onToggle(id);
                    }}
                    className={`flex aspect-square w-full items-center justify-center rounded-t-md rounded-b-sm text-[0.65rem] font-bold text-white transition focus:outline-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 ${stateClasses[state]}`}
                    style={{ backgroundColor: grade?.colour }}
                  >
                    <span aria-hidden="true">{stateGlyph[state] ?? ""}</span>
                  </button>
                </span>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
