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

export interface CountdownParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  /** "02:03:04": hours, minutes and seconds, whatever the language. */
  clock: string;
}

/** 93_784_000 -> 1 day and "02:03:04"; partial seconds round up. */
export function countdownParts(ms: number): CountdownParts {
  const total = Math.ceil(ms / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return { days, hours, minutes, seconds, clock: `${pad(hours)}:${pad(minutes)}:${pad(seconds)}` };
}
