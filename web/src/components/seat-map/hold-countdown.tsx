"use client";

import { useEffect, useRef } from "react";
import { useCountdown } from "../use-countdown";

const pad = (value: number) => String(value).padStart(2, "0");

/**
 * The hold's clock, visible and in fixed-width digits (no layout jump as it ticks). The
 * digits are hidden from screen readers, who instead hear the minutes as they pass.
 */
export function HoldCountdown({
  expiresAt,
  serverNow,
  onExpired,
}: {
  expiresAt: number;
  serverNow: number;
  onExpired: () => void;
}) {
  const remaining = useCountdown(expiresAt, serverNow);
  const seconds = Math.ceil(remaining / 1000);
  const minutesLeft = Math.ceil(seconds / 60);
  const expired = useRef(false);
  useEffect(() => {
    if (remaining > 0 || expired.current) return;
    expired.current = true;
    onExpired();
  }, [remaining, onExpired]);

  const urgent = seconds <= 60;
  return (
    <div
      className={`rounded-lg px-4 py-3 ${urgent ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-900"}`}
    >
      <p className="text-sm font-medium">Held for you for</p>
      <p aria-hidden="true" className="font-mono text-3xl font-bold tabular-nums">
        {pad(Math.floor(seconds / 60))}:{pad(seconds % 60)}
      </p>
      <p className="sr-only" role="timer" aria-live="polite" aria-atomic="true">
        {minutesLeft <= 1 ? "Less than a minute left" : `${minutesLeft} minutes left`}
      </p>
    </div>
  );
}
