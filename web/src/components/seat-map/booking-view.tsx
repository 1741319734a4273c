"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { slotEndedPath } from "@/server/booking/gate/transport";
import type { HoldView } from "@/server/booking/hold-view";
import type { ScheduleSummary } from "@/server/seat-map/get-schedule-summary";
import type { SeatMapLayout, SeatMapView } from "@/server/seat-map/types";
import { ApiError, apiRequest } from "../api-client";
import { formatMoney } from "../format";
import { formatTimeOfDay } from "../format-time-of-day";
import { HoldCountdown } from "../hold-countdown";
import { ShowTime } from "../show-time";
import { useErrorText } from "../use-error-text";
import { SeatGrid } from "./seat-grid";
import { useSeatWords } from "./seat-labels";
import { SeatLegend } from "./seat-legend";
import { ShowCancelledNotice } from "./show-cancelled-notice";
import { SlotClock } from "./slot-clock";
import { useSeatMap } from "./use-seat-map";
import { useWorkingSlot } from "./use-working-slot";

const deviceNow = () => Date.now();

/**
 * The seat map page's live part: pick seats, hold them, watch the hold's clock, release
 * or go on to payment, and watch (and once extend) the waiting-room slot's own clock. The
 * map polls; seats someone else takes drop out of the selection with a message, and a
 * refused hold names the seats that were just taken.
 */
export function BookingView({
  schedule,
  initialHold,
  serverNow,
  waitingRoom,
  slot,
}: {
  schedule: ScheduleSummary;
  initialHold: HoldView | null;
  serverNow: number;
  waitingRoom: string;
  slot: { performanceId: string; queueUrl: string; tokenExpiresAtMs: number };
}) {
  const t = useTranslations("booking");
  const locale = useLocale();
  const errorText = useErrorText();
  const { seatName } = useSeatWords();
  const { scheduleId } = schedule;
  const { data: map, error: mapError, refetch } = useSeatMap(scheduleId);
  const layout = map?.layout;
  // The grid follows the map in a background render, which React splits into short slices:
  // drawing hundreds of seats in one go would hold a phone's main thread for a long while
  // just as the page becomes usable (the map's query answers as an urgent update).
  const drawnMap = useDeferredValue(map);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // A hold and the server's time when it appeared (server render or hold request).
  const [hold, setHold] = useState<(HoldView & { serverNowMs: number }) | null>(
    initialHold && { ...initialHold, serverNowMs: serverNow },
  );
  // Server minus this device's clock. The initializer runs again when the page hydrates,
  // on the device; it is never rendered, so the server's own value (≈0) does no harm.
  const [clockOffset] = useState(() => serverNow - deviceNow());
  const [message, setMessage] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const workingSlot = useWorkingSlot(slot);
  // The slot's clock ran out: ask the gate now rather than at the next poll.
  const checkSlot = useCallback(() => {
    void refetch();
  }, [refetch]);

  const mine = useMemo(() => new Set(hold?.seatIds ?? []), [hold]);
  const statusById = useMemo(
    () => new Map(map?.layout.seats.map(([id], index) => [id, map.status[index] ?? "A"])),
    [map],
  );
  const gradeOf = (seatId: string) => {
    const seat = layout?.seats.find(([id]) => id === seatId);
    return seat ? layout?.grades[seat[3]] : undefined;
  };

  // The slot ran out or was revoked: back to the waiting room, unless the buyer holds
  // seats (holding is what entitles them to pay, until the hold's own end).
  const slotEnded = mapError instanceof ApiError && mapError.code === "QUEUE_TOKEN_REQUIRED";
  const holding = hold !== null;
  const slotEndedWhileHolding = slotEnded && holding;
  useEffect(() => {
    if (slotEnded && !holding) window.location.assign(slotEndedPath(waitingRoom));
  }, [slotEnded, holding, waitingRoom]);

  // A chosen seat that someone else took meanwhile drops out of the selection (derived,
  // so the grid and the total never show it), and the buyer is told which one.
  const chosen = [...selected].filter((id) => statusById.get(id) === "A");
  // The same set while the same seats are chosen, so the memoised grid is left alone.
  const chosenKey = chosen.join(" ");
  const chosenSet = useMemo(
    () => new Set(chosenKey === "" ? [] : chosenKey.split(" ")),
    [chosenKey],
  );
  const lost = layout ? [...selected].filter((id) => statusById.get(id) !== "A") : [];
  const shownMessage = slotEndedWhileHolding
    ? {
        tone: "info" as const,
        text: t("slotEndedHolding", {
          time: formatTimeOfDay(new Date(hold.holdExpiresAt), locale),
        }),
      }
    : lost.length > 0 && layout
      ? {
          tone: "error" as const,
          text: t("justTaken", {
            seats: lost.map((id) => seatName(layout, id)).join(", "),
            count: lost.length,
          }),
        }
      : message;

  const limit = layout?.maxSeatsPerReservation ?? schedule.maxSeatsPerReservation;
  const toggle = (seatId: string) => {
    if (hold) {
      setMessage({ tone: "info", text: t("releaseFirst") });
      return;
    }
    if (selected.has(seatId)) {
      setSelected(new Set(chosen.filter((id) => id !== seatId)));
      return;
    }
    if (chosen.length >= limit) {
      setMessage({ tone: "info", text: t("upTo", { limit }) });
      return;
    }
    setMessage(null);
    setSelected(new Set([...chosen, seatId]));
  };

  // One function for the grid's whole life (it is memoised), calling the latest toggle.
  const latestToggle = useRef(toggle);
  useEffect(() => {
    latestToggle.current = toggle;
  });
  const onToggle = useCallback((seatId: string) => {
    latestToggle.current(seatId);
  }, []);

  const total = chosen.reduce((sum, id) => sum + (gradeOf(id)?.priceMinor ?? 0), 0);
  // Every grade of a performance has its currency; a map without grades has no seat to add.
  const currency = layout?.grades[0]?.currency;

  const placeHold = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const created = await apiRequest<HoldView>(`/api/schedules/${scheduleId}/holds`, {
        method: "POST",
        body: { seatIds: chosen },
      });
      setHold({
        ...created,
        serverNowMs: deviceNow() + clockOffset,
      });
      setSelected(new Set());
      setMessage({ tone: "info", text: t("held") });
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
      void refetch();
    }
  };

  const release = async () => {
    if (!hold) return;
    setBusy(true);
    try {
      await apiRequest(`/api/holds/${hold.reservationId}`, { method: "DELETE" });
      setHold(null);
      setMessage({ tone: "info", text: t("released") });
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
      void refetch();
    }
  };

  const handleError = (error: unknown) => {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === "QUEUE_TOKEN_REQUIRED") {
      window.location.assign(slotEndedPath(waitingRoom));
      return;
    }
    if (error.code === "SEAT_UNAVAILABLE") {
      const taken = Array.isArray(error.details?.seatIds)
        ? (error.details.seatIds as string[])
        : [];
      setSelected(new Set(chosen.filter((id) => !taken.includes(id))));
      setMessage({
        tone: "error",
        text: t("sorryTaken", {
          seats:
            taken.map((id) => (layout ? seatName(layout, id) : t("someSeat"))).join(", ") ||
            t("aSeat"),
        }),
      });
      return;
    }
    setMessage({ tone: "error", text: errorText(error) });
  };

  // Cancelled while the buyer was here: the next poll reads the rebuilt layout. A hold
  // they still have ended with the cancellation.
  if (layout?.cancelledAt) {
    return <ShowCancelledNotice performanceSlug={schedule.performanceSlug} />;
  }

  return (
    <div className="flex flex-col gap-4">
      <SlotClock
        expiresAtMs={workingSlot.expiresAtMs}
        initialRemainingMs={workingSlot.expiresAtMs - serverNow}
        clockOffsetMs={clockOffset}
        ended={slotEnded}
        holdExpiresAtMs={hold ? Date.parse(hold.holdExpiresAt) : null}
        extension={workingSlot.extension}
        onExtend={workingSlot.extend}
        onTimeUp={checkSlot}
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <section
          aria-labelledby="hall-heading"
          className="min-w-0 rounded-xl border border-slate-200 bg-white p-4"
        >
          <h2 id="hall-heading" className="sr-only">
            {t("seatMap")}
          </h2>
          {/* Above the hall, so a laptop shows it without scrolling, whatever the hall's depth. */}
          <div className="mb-4 min-h-8 border-b border-slate-100 pb-3">
            {/* With the grid, not before it: one shift of the page rather than two. */}
            {drawnMap ? <SeatLegend grades={drawnMap.layout.grades} /> : null}
          </div>
          <div
            aria-hidden="true"
            className="mx-auto mb-4 w-2/3 rounded-b-3xl bg-slate-800 py-1.5 text-center text-xs font-semibold tracking-[0.3em] text-white uppercase"
          >
            {t("stage")}
          </div>
          {drawnMap ? (
            <SeatGrid
              layout={drawnMap.layout}
              status={drawnMap.status}
              selected={chosenSet}
              mine={mine}
              onToggle={onToggle}
            />
          ) : (
            <SeatGridPlaceholder
              rows={schedule.rows}
              columns={schedule.columns}
              failed={mapError !== null}
            />
          )}
        </section>

        <aside
          aria-labelledby="summary-heading"
          className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 lg:sticky lg:top-4 lg:self-start"
        >
          <h2 id="summary-heading" className="text-lg font-semibold">
            {hold ? t("yourHeld") : t("yourSelection")}
          </h2>
          <p className="min-h-[3rem] text-sm" role="status" aria-live="polite">
            {shownMessage ? (
              <span
                className={
                  shownMessage.tone === "error" ? "font-medium text-red-700" : "text-slate-700"
                }
              >
                {shownMessage.text}
              </span>
            ) : hold ? (
              <span className="text-slate-700">{t("payBefore")}</span>
            ) : (
              <span className="text-slate-600">{t("chooseHint", { limit })}</span>
            )}
          </p>

          {hold ? (
            <>
              <HoldCountdown
                variant="panel"
                expiresAtMs={Date.parse(hold.holdExpiresAt)}
                serverNowMs={hold.serverNowMs}
                onExpired={() => {
                  setHold(null);
                  setMessage({
                    tone: "error",
                    text: t("holdRanOut"),
                  });
                  void refetch();
                }}
              />
              <SeatList layout={layout} seatIds={hold.seatIds} gradeOf={gradeOf} />
              <p className="flex justify-between text-base font-semibold">
                <span>{t("total")}</span>
                <span>{formatMoney(hold.amountMinor, hold.currency, locale)}</span>
              </p>
              <Link
                href={`/checkout/${hold.reservationId}`}
                className="rounded-lg bg-brand-600 px-4 py-2.5 text-center font-semibold text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
              >
                {t("continue")}
              </Link>
              <button
                type="button"
                disabled={busy}
                onClick={() => void release()}
                className="rounded-lg border border-slate-300 px-4 py-2 font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-600 disabled:opacity-50"
              >
                {t("release")}
              </button>
            </>
          ) : (
            <>
              <SeatList layout={layout} seatIds={chosen} gradeOf={gradeOf} />
              <p className="flex justify-between text-base font-semibold">
                <span>{t("total")}</span>
                <span aria-live="polite">
                  {currency ? formatMoney(total, currency, locale) : ""}
                </span>
              </p>
              <button
                type="button"
                disabled={busy || chosen.length === 0}
                onClick={() => void placeHold()}
                className="rounded-lg bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:opacity-50"
              >
                {busy ? t("holding") : t("hold", { count: chosen.length })}
              </button>
            </>
          )}
          <p className="text-xs text-slate-500">
            {schedule.hallName} ·{" "}
            <ShowTime startsAt={new Date(schedule.startsAt)} timeZone={schedule.timeZone} />
          </p>
        </aside>
      </div>
    </div>
  );
}

/** Keeps the grid's space while the map loads, so nothing jumps when it arrives. */
function SeatGridPlaceholder({
  rows,
  columns,
  failed,
}: {
  rows: number;
  columns: number;
  failed: boolean;
}) {
  const t = useTranslations("booking");
  return (
    <div
      className="mx-auto flex max-w-full items-center justify-center rounded-lg bg-slate-100 text-sm text-slate-600"
      style={{ aspectRatio: `${columns + 1} / ${rows}`, width: `${(columns + 1) * 2.25}rem` }}
      role="status"
    >
      {failed ? t("mapFailed") : t("mapLoading")}
    </div>
  );
}

function SeatList({
  layout,
  seatIds,
  gradeOf,
}: {
  layout: SeatMapLayout | undefined;
  seatIds: string[];
  gradeOf: (seatId: string) => SeatMapView["layout"]["grades"][number] | undefined;
}) {
  const t = useTranslations("booking");
  const locale = useLocale();
  const { seatName } = useSeatWords();
  if (seatIds.length === 0 || !layout) {
    return <p className="text-sm text-slate-500">{t("noSeats")}</p>;
  }
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {seatIds.map((id) => {
        const grade = gradeOf(id);
        return (
          <li key={id} className="flex justify-between py-1.5">
            <span>
              {seatName(layout, id)} <span className="text-slate-500">· {grade?.name}</span>
            </span>
            <span>{grade ? formatMoney(grade.priceMinor, grade.currency, locale) : ""}</span>
          </li>
        );
      })}
    </ul>
  );
}
