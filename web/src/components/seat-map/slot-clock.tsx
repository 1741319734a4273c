"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { CountdownTimer } from "../countdown-timer";
import { formatTimeOfDay } from "../format-time-of-day";
import type { SlotExtension } from "./use-working-slot";

/** Under this, the slot's clock turns red. */
const URGENT_MS = 60_000;

/**
 * The waiting-room slot's own clock on the seat map: how long the buyer may still choose
 * and hold seats, and the one "more time" the queue allows. The countdown is a role=timer
 * (read when asked, not every second); what the extension did is said in a status line.
 */
export function SlotClock({
  expiresAtMs,
  initialRemainingMs,
  clockOffsetMs,
  ended,
  holdExpiresAtMs,
  extension,
  onExtend,
  onTimeUp,
}: {
  expiresAtMs: number;
  /** Left when the page was rendered on the server, so hydration shows the same digits. */
  initialRemainingMs: number;
  /** Server minus this device's clock. */
  clockOffsetMs: number;
  /** The booking gate refused the slot: it is over, whatever the clock says. */
  ended: boolean;
  /** The buyer's hold, which outlives the slot: what an ended slot leaves them. */
  holdExpiresAtMs: number | null;
  extension: SlotExtension;
  onExtend: () => void;
  /** The clock reached zero: time to ask the gate. */
  onTimeUp: () => void;
}) {
  const t = useTranslations("booking");
  const locale = useLocale();
  const remaining = useTimeLeft(expiresAtMs, clockOffsetMs, initialRemainingMs);
  const timeUpReported = useRef(false);
  useEffect(() => {
    if (remaining > 0) {
      timeUpReported.current = false;
      return;
    }
    if (timeUpReported.current) return;
    timeUpReported.current = true;
    onTimeUp();
  }, [remaining, onTimeUp]);

  const urgent = !ended && remaining < URGENT_MS;
  const canAsk = !ended && (extension.state === "offered" || extension.state === "failed");
  return (
    <section
      aria-labelledby="slot-heading"
      className={`flex flex-col gap-2 rounded-xl border px-4 py-3 sm:flex-row sm:items-center sm:justify-between ${urgent ? "border-red-200 bg-red-50" : "border-slate-200 bg-white"}`}
      data-testid="booking-slot"
    >
      <div className="flex flex-col gap-0.5">
        <h2 id="slot-heading" className="text-sm font-semibold text-slate-900">
          {t("slotHeading")}
        </h2>
        {ended ? (
          <p className="text-sm text-slate-700">
            {t("slotEnded")}
            {holdExpiresAtMs === null
              ? null
              : t("slotEndedHeld", { time: formatTimeOfDay(new Date(holdExpiresAtMs), locale) })}
          </p>
        ) : (
          <p className={`text-sm ${urgent ? "text-red-800" : "text-slate-700"}`}>
            {t("timeLeft")}{" "}
            <CountdownTimer remainingMs={remaining} className="min-w-[8ch] font-semibold" />
          </p>
        )}
        <p
          className={`text-sm text-slate-700 ${ended ? "" : "min-h-5"}`}
          role="status"
          aria-live="polite"
        >
          {ended ? null : <ExtensionNews extension={extension} expiresAtMs={expiresAtMs} />}
        </p>
      </div>
      {canAsk || extension.state === "asking" ? (
        <button
          type="button"
          disabled={!canAsk}
          onClick={onExtend}
          aria-describedby="slot-extension-hint"
          className="inline-flex min-h-11 items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-600 disabled:cursor-not-allowed disabled:opacity-60 sm:self-center"
        >
          {extension.state === "asking" ? t("asking") : t("getMore")}
          <span id="slot-extension-hint" className="sr-only">
            {t("oncePerSlot")}
          </span>
        </button>
      ) : null}
    </section>
  );
}

function ExtensionNews({
  extension,
  expiresAtMs,
}: {
  extension: SlotExtension;
  expiresAtMs: number;
}) {
  const t = useTranslations("booking");
  const locale = useLocale();
  switch (extension.state) {
    case "offered":
      return <>{t("extensionOffered")}</>;
    case "used":
      return extension.here ? (
        <>{t("extensionGranted", { time: formatTimeOfDay(new Date(expiresAtMs), locale) })}</>
      ) : (
        <>{t("extensionUsed")}</>
      );
    case "failed":
      return <span className="text-red-800">{extension.message}</span>;
    default:
      return null;
  }
}

/** Milliseconds until `expiresAtMs` on the server's clock, ticking every second. */
function useTimeLeft(
  expiresAtMs: number,
  clockOffsetMs: number,
  initialRemainingMs: number,
): number {
  const [remaining, setRemaining] = useState(Math.max(0, initialRemainingMs));
  useEffect(() => {
    const tick = () => {
      setRemaining(Math.max(0, expiresAtMs - (Date.now() + clockOffsetMs)));
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [expiresAtMs, clockOffsetMs]);
  return remaining;
}
