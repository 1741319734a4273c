"use client";

import { useTranslations } from "next-intl";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { findSectionOf } from "@/server/hall-plan/hall-plan";
import type { SeatMapLayout, SeatStatusCode } from "@/server/seat-map/types";
import { planGridTracks, type TrackKind } from "../seat-plan/grid-tracks";
import { PlanGrid } from "../seat-plan/plan-grid";
import { useSeatFocus } from "../seat-plan/use-seat-focus";
import { SeatButton } from "./seat-button";
import { seatState, useSeatWords } from "./seat-labels";
import { SectionChooser } from "./section-chooser";
import { useSeatZoom } from "./use-seat-zoom";

/**
 * The hall as a CSS grid, one button per seat, seen from the stage. Keyboard: one seat
 * is in the tab order (roving tabindex); arrow keys move between seats, Home/End to the
 * row's ends, Space/Enter toggles. Taken seats stay focusable so they can be heard.
 * Seat numbers run along the top and row numbers down the side, as the hall numbers them.
 * Aisles are gaps between seats (arrows step over them to the next seat) and sections are
 * labelled boxes; a seat's label names its section. On a narrow screen the map zooms
 * (buttons, pinch, ctrl + wheel) and pans by scrolling, and says when seats lie off-screen
 * to either side; a hall with sections offers to go straight to one.
 * Memoised: the booking page redraws on every tick of its clocks, and none of that concerns
 * the seats (the page keeps `selected`, `mine` and `onToggle` the same while they are).
 */
export const SeatGrid = memo(function SeatGrid({
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
  const t = useTranslations("booking");
  const { seatLabel } = useSeatWords();
  const scroller = useRef<HTMLDivElement>(null);
  const zoom = useSeatZoom(scroller);
  const places = useMemo(() => layout.seats.map(([, row, column]) => ({ row, column })), [layout]);
  const focus = useSeatFocus(places, layout);
  const tracks = useMemo(() => planGridTracks(layout), [layout]);
  const sections = useMemo(() => layout.plan?.sections ?? [], [layout]);
  // Each seat's section name, worked out once per layout rather than on every redraw.
  const sectionNames = useMemo(
    () => layout.seats.map(([, row, column]) => findSectionOf(sections, row, column)?.name),
    [layout, sections],
  );
  const sectionBoxes = useRef(new Map<number, HTMLDivElement>());
  const sectionBoxRef = useCallback((index: number, element: HTMLDivElement | null) => {
    if (element) sectionBoxes.current.set(index, element);
    else sectionBoxes.current.delete(index);
  }, []);
  // A section chosen on a phone: scrolled to once the zoom it asked for is drawn (a new
  // object each time, so choosing the same section again scrolls again).
  const [scrollTo, setScrollTo] = useState<{ index: number } | null>(null);
  useEffect(() => {
    if (!scrollTo) return;
    sectionBoxes.current.get(scrollTo.index)?.scrollIntoView({ block: "start", inline: "start" });
  }, [scrollTo]);

  const chooseSection = (index: number) => {
    const section = sections[index];
    if (!section) return;
    zoom.zoomAtLeast(1);
    setScrollTo({ index });
    // Tabbing into the map then lands in the chosen section.
    const first = focus.seekFrom(section.fromRow, section.fromColumn);
    if (first !== undefined) focus.setFocusIndex(first);
  };
  const showWholeHall = () => {
    zoom.zoomTo(0);
    scroller.current?.scrollTo({ left: 0 });
  };

  const aisles = tracks.columns.filter((kind) => kind === "aisle").length;
  // Fitted, seats shrink to fit a laptop or a phone and stop growing at 2rem; zoomed, they
  // keep their size and the map scrolls. An aisle is about half a seat wide.
  const trackSize = (kind: TrackKind) => {
    if (kind === "header" || kind === "label") return "auto";
    if (zoom.seatRem === null)
      return kind === "seat" ? "minmax(0.875rem, 2rem)" : "minmax(0.5rem, 1rem)";
    return `${kind === "seat" ? zoom.seatRem : zoom.seatRem / 2}rem`;
  };
  const rowSize = (kind: TrackKind) =>
    kind === "aisle" ? (zoom.seatRem === null ? "0.75rem" : `${zoom.seatRem / 2}rem`) : "auto";
  const gridTemplateColumns = tracks.columns.map(trackSize).join(" ");
  const gridTemplateRows = tracks.rows.map(rowSize).join(" ");
  const maxWidth =
    zoom.seatRem === null ? `${layout.columns * 2.25 + aisles * 1.25 + 2}rem` : undefined;
  // The same object while the zoom is, so the hint about hidden seats redraws no seat.
  const sizing = useMemo(
    () => ({ gridTemplateColumns, gridTemplateRows, ...(maxWidth ? { maxWidth } : {}) }),
    [gridTemplateColumns, gridTemplateRows, maxWidth],
  );

  const stateOf = useCallback(
    (index: number) => {
      const id = layout.seats[index]?.[0];
      if (id === undefined) return undefined;
      const code = (status[index] ?? "A") as SeatStatusCode;
      return seatState(code, { selected: selected.has(id), mine: mine.has(id) });
    },
    [layout, status, selected, mine],
  );
  const onSeatClick = useCallback(
    (index: number) => {
      const state = stateOf(index);
      const id = layout.seats[index]?.[0];
      if (id !== undefined && (state === "available" || state === "selected")) onToggle(id);
    },
    [layout, stateOf, onToggle],
  );
  const { seatFocusProps } = focus;
  const renderSeat = useCallback(
    (index: number) => {
      const seat = layout.seats[index];
      const state = stateOf(index);
      if (!seat || !state) return null;
      const [id, row, column, gradeIndex] = seat;
      return (
        <SeatButton
          {...seatFocusProps(index)}
          id={id}
          row={row}
          column={column}
          grade={layout.grades[gradeIndex]}
          section={sectionNames[index]}
          state={state}
          seatLabel={seatLabel}
        />
      );
    },
    [layout, stateOf, seatFocusProps, sectionNames, seatLabel],
  );
  return (
    <div className="flex flex-col gap-2">
      <div className="flex min-h-8 flex-wrap items-center justify-between gap-2 text-sm">
        <p data-testid="seat-map-more" className="font-medium text-sky-800">
          {zoom.more.left ? <span>{t("moreLeft")}</span> : null}
          {zoom.more.left && zoom.more.right ? <span aria-hidden="true"> · </span> : null}
          {zoom.more.right ? <span>{t("moreRight")}</span> : null}
        </p>
        <div role="group" aria-label={t("zoomGroup")} className="ml-auto flex gap-1">
          <ZoomButton
            label={t("zoomOut")}
            glyph="−"
            disabled={!zoom.canZoomOut}
            onClick={() => {
              zoom.zoomBy(-1);
            }}
          />
          <ZoomButton
            label={t("zoomIn")}
            glyph="+"
            disabled={!zoom.canZoomIn}
            onClick={() => {
              zoom.zoomBy(1);
            }}
          />
        </div>
      </div>
      {sections.length > 0 ? (
        <SectionChooser sections={sections} onChoose={chooseSection} onWholeHall={showWholeHall} />
      ) : null}
      <div className="relative">
        <div
          ref={scroller}
          data-testid="seat-map-scroller"
          className="overflow-x-auto px-1 pt-1 pb-2"
          // Two fingers pinch the map, not the page; one finger still pans it.
          style={{ touchAction: "pan-x pan-y" }}
        >
          <PlanGrid
            tracks={tracks}
            rows={layout.rows}
            columns={layout.columns}
            label={t("gridLabel")}
            className={`grid min-w-min gap-0.5 sm:gap-1 ${zoom.seatRem === null ? "mx-auto w-full" : "w-max"}`}
            style={sizing}
            seatAt={focus.seatAt}
            focus={focus.gridFocusProps}
            onSeatClick={onSeatClick}
            sectionBoxRef={sectionBoxRef}
            renderSeat={renderSeat}
          />
        </div>
        {/* Fades at the edges where seats continue off-screen. */}
        {zoom.more.left ? (
          <div
            aria-hidden="true"
            className="pointer-events-none absolute inset-y-0 left-0 w-6 bg-linear-to-r from-white"
          />
        ) : null}
        {zoom.more.right ? (
          <div
            aria-hidden="true"
            className="pointer-events-none absolute inset-y-0 right-0 w-6 bg-linear-to-l from-white"
          />
        ) : null}
      </div>
    </div>
  );
});

function ZoomButton({
  label,
  glyph,
  disabled,
  onClick,
}: {
  label: string;
  glyph: string;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className="flex size-9 items-center justify-center rounded-lg border border-slate-300 text-lg font-semibold text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-600 disabled:opacity-40"
    >
      <span aria-hidden="true">{glyph}</span>
    </button>
  );
}
