"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { CountdownTimer } from "./countdown-timer";
import { useCountdown } from "./use-countdown";

const pad = (value: number) => String(value).padStart(2, "0");

/**
 * Time left on a PENDING hold, on the server's clock (`serverNowMs`: the server's time
 * when `expiresAtMs` was learnt), so a phone whose clock is off still shows when the seats
 * really go. `panel` is the seat map's box, whose digits are hidden from screen readers,
 * who hear the minutes as they pass instead; `inline` is a line of the tickets and
 * checkout pages, which says so plainly once the hold has run out.
 */
export function HoldCountdown({
  expiresAtMs,
  serverNowMs,
  variant,
  onExpired,
}: {
  expiresAtMs: number;
  serverNowMs: number;
  variant: "panel" | "inline";
  /** Called once, when the time is up. */
  onExpired?: () => void;
}) {
  const t = useTranslations("booking");
  const remaining = useCountdown(expiresAtMs, serverNowMs);
  const expired = useRef(false);
  useEffect(() => {
    if (remaining > 0 || expired.current) return;
    expired.current = true;
    onExpired?.();
  }, [remaining, onExpired]);

  if (variant === "inline") {
    if (remaining === 0) {
      return <span className="font-medium">{t("holdRunOut")}</span>;
    }
    return (
      <span>
        {t("heldFor")}{" "}
        <CountdownTimer remainingMs={remaining} className="min-w-[8ch] font-semibold" />
      </span>
    );
  }

  const seconds = Math.ceil(remaining / 1000);
  const minutesLeft = Math.ceil(seconds / 60);
  const urgent = seconds <= 60;
  return (
    <div
      className={`rounded-lg px-4 py-3 ${urgent ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-900"}`}
    >
      <p className="text-sm font-medium">{t("heldForYou")}</p>
      <p aria-hidden="true" className="font-mono text-3xl font-bold tabular-nums">
        {pad(Math.floor(seconds / 60))}:{pad(seconds % 60)}
      </p>
      <p className="sr-only" role="timer" aria-live="polite" aria-atomic="true">
        {minutesLeft <= 1 ? t("lessThanMinute") : t("minutesLeft", { count: minutesLeft })}
      </p>
    </div>
  );
}
