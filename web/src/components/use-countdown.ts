"use client";

import { useEffect, useState } from "react";

/**
 * Milliseconds left until `targetMs`, ticking every second. Starts from the server's
 * figure so the first client render matches the server's HTML, and measures against the
 * server's clock from then on (a wrong clock on the phone must not open a sale early).
 */
export function useCountdown(targetMs: number, serverNowMs: number): number {
  const [remaining, setRemaining] = useState(() => Math.max(0, targetMs - serverNowMs));
  useEffect(() => {
    const offset = serverNowMs - Date.now();
    const tick = () => {
      setRemaining(Math.max(0, targetMs - (Date.now() + offset)));
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [targetMs, serverNowMs]);
  return remaining;
}

const pad = (value: number) => String(value).padStart(2, "0");

/** 93_784_000 -> "1d 02:03:04"; under a day "02:03:04". */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const clock = `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** Words for screen readers, e.g. "1 day 2 hours 3 minutes". */
export function describeCountdown(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const parts: [number, string][] = [
    [Math.floor(total / 86_400), "day"],
    [Math.floor((total % 86_400) / 3600), "hour"],
    [Math.floor((total % 3600) / 60), "minute"],
  ];
  const words = parts
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value} ${unit}${value === 1 ? "" : "s"}`);
  return words.length > 0 ? words.join(" ") : "less than a minute";
}
