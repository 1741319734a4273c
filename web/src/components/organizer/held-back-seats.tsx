"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { findSectionOf, type HallPlan } from "@/server/hall-plan/hall-plan";
import { apiRequest } from "../api-client";
import { useErrorText } from "../use-error-text";
import { useHydrated } from "../use-hydrated";
import { buttonClass, FormAlert, secondaryButtonClass } from "../form/field";
import { planGridTracks, type TrackKind } from "../seat-plan/grid-tracks";
import { PlanGrid } from "../seat-plan/plan-grid";
import { useSeatFocus } from "../seat-plan/use-seat-focus";
import { useConfirmDialog } from "./use-confirm-dialog";

type SeatState = "FREE" | "HELD" | "SOLD" | "HELD_BACK";

export interface ShowSeatPlan {
  scheduleId: string;
  rows: number;
  columns: number;
  plan: HallPlan;
  seats: { id: string; row: number; column: number; state: SeatState }[];
}

const stateClass: Record<SeatState, string> = {
  FREE: "border-slate-300 bg-white text-slate-700",
  HELD: "border-amber-300 bg-amber-100 text-amber-900",
  SOLD: "border-slate-400 bg-slate-300 text-slate-700",
  HELD_BACK: "border-violet-500 bg-violet-200 text-violet-900",
};

/** A buyer's seat is never the organizer's to move. */
const isSelectable = (state: SeatState) => state === "FREE" || state === "HELD_BACK";

/** A seat track 1.75rem wide, an aisle half that: the console's plan is never zoomed. */
const trackSize = (kind: TrackKind) =>
  kind === "seat" ? "1.75rem" : kind === "aisle" ? "0.875rem" : "auto";

/**
 * The show's seat plan for the organizer, drawn as buyers see it (aisles, sections, seat
 * and row numbers; the arrow keys move between seats): choose seats, then take them off
 * sale (house seats, camera positions) or put held-back seats on sale again. Only free and
 * held-back seats can be chosen: a buyer's seat is never the organizer's to move, but it
 * stays focusable so it can be heard.
 */
export function HeldBackSeats({ initial }: { initial: ShowSeatPlan }) {
  const t = useTranslations("organizer.heldBack");
  const errorText = useErrorText();
  const [show, setShow] = useState(initial);
  const hydrated = useHydrated();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();
  const heldBack = show.seats.filter((seat) => seat.state === "HELD_BACK").length;
  const focus = useSeatFocus(show.seats, show);
  const tracks = planGridTracks(show);

  function toggle(seatId: string) {
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(seatId)) next.add(seatId);
      return next;
    });
  }

  async function change(hold: boolean) {
    const seatIds = show.seats
      .filter((seat) => chosen.has(seat.id) && (seat.state === "HELD_BACK") !== hold)
      .map((seat) => seat.id);
    if (seatIds.length === 0) {
      setAlert(hold ? t("chooseFree") : t("chooseHeldBack"));
      return;
    }
    const count = seatIds.length;
    if (
      !hold &&
      !(await confirm({
        title: t("releaseTitle", { count }),
        confirmLabel: t("releaseConfirm", { count }),
        body: <p>{t("releaseText")}</p>,
      }))
    ) {
      return;
    }
    setPending(true);
    setAlert(null);
    try {
      const answer = await apiRequest<{ seats: ShowSeatPlan }>(
        `/api/admin/schedules/${show.scheduleId}/held-back-seats`,
        { method: "POST", body: { seatIds, heldBack: hold } },
      );
      setShow(answer.seats);
      setChosen(new Set());
    } catch (error) {
      setAlert(errorText(error));
    }
    setPending(false);
  }

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-600" data-testid="held-back-count">
        {heldBack === 0 ? t("none") : t("count", { count: heldBack })}
      </p>
      <div className="overflow-x-auto pt-1 pb-2 pl-1">
        <PlanGrid
          tracks={tracks}
          rows={show.rows}
          columns={show.columns}
          label={t("plan")}
          className="grid w-max gap-1"
          style={{
            gridTemplateColumns: tracks.columns.map(trackSize).join(" "),
            gridTemplateRows: tracks.rows
              .map((kind) => (kind === "aisle" ? "0.75rem" : "auto"))
              .join(" "),
          }}
          seatAt={focus.seatAt}
          focus={focus.gridFocusProps}
          onSeatClick={(index) => {
            const seat = show.seats[index];
            if (seat && isSelectable(seat.state) && !pending) toggle(seat.id);
          }}
          renderSeat={(index) => {
            const seat = show.seats[index];
            if (!seat) return null;
            const selectable = isSelectable(seat.state);
            const isChosen = chosen.has(seat.id);
            const values = {
              row: seat.row,
              column: seat.column,
              state: t(`state_${seat.state}`),
            };
            const section = findSectionOf(show.plan.sections, seat.row, seat.column);
            return (
              <button
                {...focus.seatFocusProps(index)}
                type="button"
                className={`block h-7 w-full rounded border text-[10px] ${stateClass[seat.state]} ${
                  isChosen ? "ring-2 ring-brand-600" : ""
                } focus-visible:relative focus-visible:z-10 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-950 aria-disabled:cursor-not-allowed`}
                aria-disabled={!selectable || pending}
                aria-pressed={isChosen}
                aria-label={
                  section
                    ? t("seatInSection", { ...values, section: section.name })
                    : t("seat", values)
                }
                data-testid={`plan-seat-${seat.row}-${seat.column}`}
                data-state={seat.state}
              >
                {seat.column}
              </button>
            );
          }}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass}
          disabled={pending || !hydrated}
          onClick={() => void change(true)}
        >
          {t("hold")}
        </button>
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={pending || !hydrated}
          onClick={() => void change(false)}
        >
          {t("release")}
        </button>
      </div>
      <FormAlert message={alert} />
      {dialog}
    </div>
  );
}
