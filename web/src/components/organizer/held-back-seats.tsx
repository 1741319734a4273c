"use client";

import { useState } from "react";
import { apiRequest, ApiError } from "../api-client";
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

const stateName: Record<SeatState, string> = {
  FREE: "free",
  HELD: "held by a buyer",
  SOLD: "sold",
  HELD_BACK: "held back",
};

/**
 * The show's seat plan for the organizer: choose seats, then take them off sale (house
 * seats, camera positions) or put held-back seats on sale again. Only free and held-back
 * seats can be chosen: a buyer's seat is never the organizer's to move.
 */
export function HeldBackSeats({ initial }: { initial: ShowSeatPlan }) {
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
      setAlert(hold ? "Choose free seats to hold back." : "Choose held-back seats to release.");
      return;
    }
    const count = `${seatIds.length} ${seatIds.length === 1 ? "seat" : "seats"}`;
    if (
      !hold &&
      !(await confirm({
        title: `Release ${count}?`,
        confirmLabel: `Release ${count}`,
        body: (
          <p>
            They go on sale at once: any buyer admitted from the waiting room may hold them, and
            buyers on this show&apos;s waitlist may be offered them.
          </p>
        ),
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
      setAlert(
        error instanceof ApiError ? error.message : "Something went wrong. Please try again.",
      );
    }
    setPending(false);
  }

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-600" data-testid="held-back-count">
        {heldBack === 0
          ? "No seats are held back."
          : `${heldBack} ${heldBack === 1 ? "seat is" : "seats are"} held back: buyers see them taken.`}
      </p>
      <div
        className="grid w-fit gap-1 overflow-x-auto"
        style={{ gridTemplateColumns: `repeat(${plan.columns}, minmax(1.75rem, auto))` }}
        role="group"
        aria-label="Seats of this show"
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
              aria-label={`Row ${seat.row}, seat ${seat.column}, ${stateName[seat.state]}`}
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
          Hold back chosen seats
        </button>
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={pending}
          onClick={() => void change(false)}
        >
          Release chosen seats
        </button>
      </div>
      <FormAlert message={alert} />
      {dialog}
    </div>
  );
}
