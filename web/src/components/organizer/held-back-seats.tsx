"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiRequest } from "../api-client";
import { useErrorText } from "../use-error-text";
import { buttonClass, FormAlert, secondaryButtonClass } from "../form/field";
import { useConfirmDialog } from "./use-confirm-dialog";

type SeatState = "FREE" | "HELD" | "SOLD" | "HELD_BACK";

export interface ShowSeatPlan {
  scheduleId: string;
  rows: number;
  columns: number;
  seats: { id: string; row: number; column: number; state: SeatState }[];
}

const stateClass: Record<SeatState, string> = {
  FREE: "border-slate-300 bg-white text-slate-700",
  HELD: "border-amber-300 bg-amber-100 text-amber-900",
  SOLD: "border-slate-400 bg-slate-300 text-slate-700",
  HELD_BACK: "border-violet-500 bg-violet-200 text-violet-900",
};

/**
 * The show's seat plan for the organizer: choose seats, then take them off sale (house
 * seats, camera positions) or put held-back seats on sale again. Only free and held-back
 * seats can be chosen: a buyer's seat is never the organizer's to move.
 */
export function HeldBackSeats({ initial }: { initial: ShowSeatPlan }) {
  const t = useTranslations("organizer.heldBack");
  const errorText = useErrorText();
  const [plan, setPlan] = useState(initial);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();
  const heldBack = plan.seats.filter((seat) => seat.state === "HELD_BACK").length;

  function toggle(seatId: string) {
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(seatId)) next.add(seatId);
      return next;
    });
  }

  async function change(hold: boolean) {
    const seatIds = plan.seats
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
        `/api/admin/schedules/${plan.scheduleId}/held-back-seats`,
        { method: "POST", body: { seatIds, heldBack: hold } },
      );
      setPlan(answer.seats);
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
      <div
        className="grid w-fit gap-1 overflow-x-auto"
        style={{ gridTemplateColumns: `repeat(${plan.columns}, minmax(1.75rem, auto))` }}
        role="group"
        aria-label={t("plan")}
      >
        {plan.seats.map((seat) => {
          const selectable = seat.state === "FREE" || seat.state === "HELD_BACK";
          const isChosen = chosen.has(seat.id);
          return (
            <button
              key={seat.id}
              type="button"
              style={{ gridRow: seat.row, gridColumn: seat.column }}
              className={`h-7 rounded border text-[10px] ${stateClass[seat.state]} ${
                isChosen ? "ring-2 ring-brand-600" : ""
              } disabled:cursor-not-allowed`}
              disabled={!selectable || pending}
              aria-pressed={isChosen}
              aria-label={t("seat", {
                row: seat.row,
                column: seat.column,
                state: t(`state_${seat.state}`),
              })}
              data-testid={`plan-seat-${seat.row}-${seat.column}`}
              data-state={seat.state}
              onClick={() => {
                toggle(seat.id);
              }}
            >
              {seat.column}
            </button>
          );
        })}
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass}
          disabled={pending}
          onClick={() => void change(true)}
        >
          {t("hold")}
        </button>
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={pending}
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
