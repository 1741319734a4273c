"use client";

import { useCallback, useMemo, useState, type FocusEvent, type KeyboardEvent } from "react";
import { seatIndexOf } from "./seat-index-of";

/** Where one seat of a plan is, as the hall numbers it (1-based). */
export interface SeatPlace {
  row: number;
  column: number;
}

/**
 * What a seat's button carries to take part in the plan's keyboard navigation: plain
 * values, so a memoised seat is drawn again only when its own place in the tab order moves.
 */
export interface SeatFocusProps {
  tabIndex: number;
  "data-seat-index": number;
}

/** The grid's one listener for its seats' focus and keys. */
export interface GridFocusProps {
  onFocus: (event: FocusEvent<HTMLElement>) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
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
 * The grid takes `gridFocusProps` and each seat's button `seatFocusProps(index)`. What it
 * returns stays the same while `places` and the hall's size do (pass the same array), so
 * a memoised grid is left alone.
 */
export function useSeatFocus(
  places: readonly SeatPlace[],
  hall: { rows: number; columns: number },
) {
  const [focusIndex, setFocusIndex] = useState(0);
  const { rows, columns } = hall;

  const navigation = useMemo(() => {
    const positions = new Map(places.map(({ row, column }, index) => [`${row}:${column}`, index]));

    /** The seat at (row, column), if any. */
    const seatAt = (row: number, column: number) => positions.get(`${row}:${column}`);

    /** The nearest seat from (row, column) stepping by (dRow, dColumn), if any. */
    const seek = (row: number, column: number, dRow: number, dColumn: number) => {
      for (
        let r = row + dRow, c = column + dColumn;
        r >= 1 && r <= rows && c >= 1 && c <= columns;
        r += dRow, c += dColumn
      ) {
        const found = seatAt(r, c);
        if (found !== undefined) return found;
      }
      return undefined;
    };

    /** The seat at (row, column), else the next one along the row. */
    const seekFrom = (row: number, column: number) =>
      seatAt(row, column) ?? seek(row, column, 0, 1);

    const gridFocusProps: GridFocusProps = {
      onFocus: (event) => {
        const index = seatIndexOf(event.target);
        if (index !== undefined) setFocusIndex(index);
      },
      onKeyDown: (event) => {
        const index = seatIndexOf(event.target);
        const place = index === undefined ? undefined : places[index];
        if (!place) return;
        const { row, column } = place;
        let target: number | undefined;
        const step = steps[event.key];
        if (step) target = seek(row, column, step[0], step[1]);
        else if (event.key === "Home") target = seek(row, 0, 0, 1);
        else if (event.key === "End") target = seek(row, columns + 1, 0, -1);
        else return;
        event.preventDefault();
        if (target === undefined) return;
        setFocusIndex(target);
        event.currentTarget
          .querySelector<HTMLElement>(`[data-seat-index="${String(target)}"]`)
          ?.focus();
      },
    };
    return { seatAt, seekFrom, gridFocusProps };
  }, [places, rows, columns]);

  const seatFocusProps = useCallback(
    (index: number): SeatFocusProps => ({
      tabIndex: index === focusIndex ? 0 : -1,
      "data-seat-index": index,
    }),
    [focusIndex],
  );

  return { ...navigation, focusIndex, setFocusIndex, seatFocusProps };
}
