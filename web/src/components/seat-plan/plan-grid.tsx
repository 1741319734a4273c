"use client";

import { useTranslations } from "next-intl";
import { memo, type CSSProperties, type MouseEvent, type ReactNode } from "react";
import type { GridTracks } from "./grid-tracks";
import { seatIndexOf } from "./seat-index-of";
import type { GridFocusProps } from "./use-seat-focus";

/**
 * A hall's seats as a CSS grid seen from the stage, the way every seat plan of the app
 * draws them (the buyer's seat map, the organizer's plan of a show): seat numbers along
 * the top and row numbers down the side as the hall numbers them, aisles as gaps, and each
 * section as a labelled box behind its seats. What a seat is and does is the caller's
 * (`renderSeat`, given the seat's index); its label should name its section, since the
 * boxes and labels are hidden from screen readers.
 *
 * The grid listens once for its seats' clicks (`onSeatClick`, given the seat's index) and
 * focus and keys (`focus`, from `useSeatFocus`), not every seat on its own. Memoised: with
 * the same props (a caller keeps its callbacks and style stable) a redraw of the page
 * around it redraws no seat, and `renderSeat` returning memoised seats redraws only the
 * seats that changed.
 */
export const PlanGrid = memo(function PlanGrid({
  tracks,
  rows,
  columns,
  label,
  className,
  style,
  seatAt,
  renderSeat,
  focus,
  onSeatClick,
  sectionBoxRef,
}: {
  tracks: GridTracks;
  rows: number;
  columns: number;
  label: string;
  className: string;
  /** The tracks' sizes (gridTemplateColumns and gridTemplateRows) and any other style. */
  style: CSSProperties;
  seatAt: (row: number, column: number) => number | undefined;
  renderSeat: (index: number) => ReactNode;
  focus: GridFocusProps;
  onSeatClick: (index: number) => void;
  /** Each section's box, to scroll to it. */
  sectionBoxRef?: (index: number, element: HTMLDivElement | null) => void;
}) {
  const t = useTranslations("booking");
  const rowNumbers = Array.from({ length: rows }, (_, r) => r + 1);
  const columnNumbers = Array.from({ length: columns }, (_, c) => c + 1);
  return (
    <div
      role="grid"
      aria-label={label}
      className={className}
      style={style}
      onFocus={focus.onFocus}
      onKeyDown={focus.onKeyDown}
      onClick={(event: MouseEvent<HTMLElement>) => {
        const index = seatIndexOf(event.target);
        if (index !== undefined) onSeatClick(index);
      }}
    >
      {/* Behind the seats, which come later; the seats' labels name the section. */}
      {tracks.sections.map((area, index) => (
        <div
          key={`box-${area.section.name}`}
          aria-hidden="true"
          data-section-box={area.section.name}
          ref={
            sectionBoxRef &&
            ((element) => {
              sectionBoxRef(index, element);
            })
          }
          className="-m-1 scroll-ml-10 rounded-lg border border-slate-300 bg-slate-50"
          style={{
            gridRow: `${area.rowStart} / ${area.rowEnd}`,
            gridColumn: `${area.columnStart} / ${area.columnEnd}`,
          }}
        />
      ))}
      {tracks.sections.map((area) => (
        <span
          key={`label-${area.section.name}`}
          aria-hidden="true"
          data-section-label={area.section.name}
          className="truncate px-1 pt-0.5 text-xs font-semibold text-slate-700"
          style={{
            gridRow: area.labelRow,
            gridColumn: `${area.columnStart} / ${area.columnEnd}`,
          }}
        >
          {area.section.name}
        </span>
      ))}
      <div role="row" className="contents">
        <span
          aria-hidden="true"
          className="sticky left-0 bg-white"
          style={{ gridRow: 1, gridColumn: 1 }}
        />
        {columnNumbers.map((column) => (
          <span
            key={column}
            role="columnheader"
            aria-label={t("columnHeader", { column })}
            className="text-center text-[0.6rem] leading-4 text-slate-500 tabular-nums"
            style={{ gridRow: 1, gridColumn: tracks.columnOf(column) }}
          >
            {column}
          </span>
        ))}
      </div>
      {rowNumbers.map((row) => (
        <div key={row} role="row" className="contents">
          <span
            role="rowheader"
            className="sticky left-0 z-20 flex items-center justify-end bg-white pr-1 text-xs text-slate-500 tabular-nums"
            style={{ gridRow: tracks.rowOf(row), gridColumn: 1 }}
          >
            {t.rich("rowName", {
              row,
              hidden: (chunks) => <span className="sr-only">{chunks}</span>,
            })}
          </span>
          {columnNumbers.map((column) => {
            const index = seatAt(row, column);
            const place = { gridRow: tracks.rowOf(row), gridColumn: tracks.columnOf(column) };
            if (index === undefined) {
              return <span key={column} role="gridcell" aria-hidden="true" style={place} />;
            }
            return (
              <span key={`seat-${index}`} role="gridcell" style={place}>
                {renderSeat(index)}
              </span>
            );
          })}
        </div>
      ))}
    </div>
  );
});
