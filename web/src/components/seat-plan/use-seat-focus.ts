"use client";

import { useRef, useState, type KeyboardEvent } from "react";

/** Where one seat of a plan is, as the hall numbers it (1-based). */
export interface SeatPlace {
  row: number;
  column: number;
}

/** What a seat's button needs to take part in the plan's keyboard navigation. */
export interface SeatFocusProps {
  ref: (element: HTMLButtonElement | null) => void;
  tabIndex: number;
  onFocus: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
}

const steps: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/**
 * Keyboard navigation of a seat plan: one seat is in the tab order (roving tabindex);
 * arrow keys move to the nearest seat that way, stepping over aisles and missing seats,
 * Home/End to the row's ends. `places[i]` is seat i's place; seats are named by index.
 */
export function useSeatFocus(
  places: readonly SeatPlace[],
  hall: { rows: number; columns: number },
) {
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef(new Map<number, HTMLButtonElement>());
  const positions = new Map(places.map(({ row, column }, index) => [`${row}:${column}`, index]));

  /** The seat at (row, column), if any. */
  const seatAt = (row: number, column: number) => positions.get(`${row}:${column}`);

  /** The nearest seat from (row, column) stepping by (dRow, dColumn), if any. */
  const seek = (row: number, column: number, dRow: number, dColumn: number) => {
    for (
      let r = row + dRow, c = column + dColumn;
      r >= 1 && r <= hall.rows && c >= 1 && c <= hall.columns;
      r += dRow, c += dColumn
    ) {
      const found = seatAt(r, c);
      if (found !== undefined) return found;
    }
    return undefined;
  };

  /** The seat at (row, column), else the next one along the row. */
  const seekFrom = (row: number, column: number) => seatAt(row, column) ?? seek(row, column, 0, 1);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const place = places[index];
    if (!place) return;
    const { row, column } = place;
    let target: number | undefined;
    const step = steps[event.key];
    if (step) target = seek(row, column, step[0], step[1]);
    else if (event.key === "Home") target = seek(row, 0, 0, 1);
    else if (event.key === "End") target = seek(row, hall.columns + 1, 0, -1);
    else return;
    event.preventDefault();
    if (target !== undefined) {
      setFocusIndex(target);
      buttons.current.get(target)?.focus();
    }
  };

  const seatFocusProps = (index: number): SeatFocusProps => ({
    ref: (element) => {
      if (element) buttons.current.set(index, element);
      else buttons.current.delete(index);
    },
    tabIndex: index === focusIndex ? 0 : -1,
    onFocus: () => {
      setFocusIndex(index);
    },
    onKeyDown: (event) => {
      onKeyDown(event, index);
    },
  });

  return { seatAt, seekFrom, setFocusIndex, seatFocusProps };
}
