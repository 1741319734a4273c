"use client";

import { useEffect, useRef, useState } from "react";

const pad = (value: number) => String(value).padStart(2, "0");

/**
 * The hold's clock, visible and in fixed-width digits (no layout jump as it ticks). The
 * digits are hidden from screen readers, who instead hear the minutes as they pass. It
 * runs on the server's clock (`clockOffsetMs` = server minus this device), so a phone
 * whose clock is off still shows when the seats really go.
 */
export function HoldCountdown({
  expiresAt,
  initialRemainingMs,
  clockOffsetMs,
  onExpired,
}: {
  expiresAt: number;
  /** Remaining when the hold appeared (measured where that happened: render or event). */
  initialRemainingMs: number;
  clockOffsetMs: number;
  onExpired: () => void;
}) {
  const [remaining, setRemaining] = useState(Math.max(0, initialRemainingMs));
  useEffect(() => {
    const timer = setInterval(() => {
      setRemaining(Math.max(0, expiresAt - (Date.now() + clockOffsetMs)));
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [expiresAt, clockOffsetMs]);
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
