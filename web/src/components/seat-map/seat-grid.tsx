"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { findSectionOf } from "@/server/hall-plan/hall-plan";
import type { SeatMapLayout, SeatStatusCode } from "@/server/seat-map/types";
import { planGridTracks, type TrackKind } from "../seat-plan/grid-tracks";
import { PlanGrid } from "../seat-plan/plan-grid";
import { useSeatFocus } from "../seat-plan/use-seat-focus";
import { SeatFace } from "./seat-face";
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
  const t = useTranslations("booking");
  const { seatLabel } = useSeatWords();
  const scroller = useRef<HTMLDivElement>(null);
  const zoom = useSeatZoom(scroller);
  const focus = useSeatFocus(
    layout.seats.map(([, row, column]) => ({ row, column })),
    layout,
  );
  const tracks = planGridTracks(layout);
  const sections = layout.plan?.sections ?? [];
  const sectionBoxes = useRef(new Map<number, HTMLDivElement>());
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
  const sizing = {
    gridTemplateColumns: tracks.columns.map(trackSize).join(" "),
    gridTemplateRows: tracks.rows.map(rowSize).join(" "),
    ...(zoom.seatRem === null
      ? { maxWidth: `${layout.columns * 2.25 + aisles * 1.25 + 2}rem` }
      : {}),
  };
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
            sectionBoxRef={(index, element) => {
              if (element) sectionBoxes.current.set(index, element);
              else sectionBoxes.current.delete(index);
            }}
            renderSeat={(index) => {
              const seat = layout.seats[index];
              if (!seat) return null;
              const [id, row, column, gradeIndex] = seat;
              const grade = layout.grades[gradeIndex];
              const code = (status[index] ?? "A") as SeatStatusCode;
              const state = seatState(code, { selected: selected.has(id), mine: mine.has(id) });
              const taken = state === "held" || state === "sold";
              return (
                <button
                  {...focus.seatFocusProps(index)}
                  type="button"
                  data-seat-id={id}
                  data-state={state}
                  aria-label={seatLabel(
                    row,
                    column,
                    grade,
                    state,
                    findSectionOf(sections, row, column)?.name,
                  )}
                  aria-pressed={state === "selected"}
                  aria-disabled={taken || state === "yours"}
                  onClick={() => {
                    if (!taken && state !== "yours") onToggle(id);
                  }}
                  // The focus ring: a dark outline beyond a white gap, so it stands
                  // out from the page, its neighbours and every seat state alike.
                  className={`relative block aspect-square w-full rounded-t-md rounded-b-sm text-[0.65rem] transition focus-visible:z-10 focus-visible:shadow-[0_0_0_2px_white] focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-slate-950 focus-visible:outline-solid ${taken ? "cursor-not-allowed" : "hover:brightness-110"} ${state === "selected" ? "scale-110" : ""}`}
                >
                  <SeatFace state={state} colour={grade?.colour} />
                </button>
              );
            }}
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
}

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
