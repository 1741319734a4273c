"use client";

import { useCallback, useSyncExternalStore } from "react";

const CHANGED = "ticketping:stored-text";

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/** Writes a value this device keeps, and tells every hook reading it (this tab and others). */
export function storeText(key: string, value: string): void {
  localStorage.setItem(key, value);
  window.dispatchEvent(new Event(CHANGED));
}

/**
 * A value this device keeps across reloads (the gate's name, the scans waiting to sync). The
 * server renders the fallback; the browser then shows what it stored, without an effect.
 */
export function useStoredText(key: string, fallback: string): [string, (value: string) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => localStorage.getItem(key) ?? fallback,
    () => fallback,
  );
  const set = useCallback(
    (next: string) => {
      storeText(key, next);
    },
    [key],
  );
  return [value, set];
}
