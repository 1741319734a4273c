"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { IScannerControls } from "@zxing/browser";

/**
 * Reads QR codes from the device's camera (the back one on a phone) until stopped. The same
 * code seen again within 3 s is one scan: a held-up phone is read many times a second.
 */
export function CameraScanner({ onCode }: { onCode: (text: string) => void }) {
  const t = useTranslations("door");
  const cameraFailed = t("cameraFailed");
  const video = useRef<HTMLVideoElement>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(onCode);
  useEffect(() => {
    latest.current = onCode;
  });

  useEffect(() => {
    if (!running || !video.current) return;
    // Mutated by the cleanup while the start-up below awaits.
    const state: { controls?: IScannerControls; stopped: boolean } = { stopped: false };
    const stopped = () => state.stopped;
    const seen = new Map<string, number>();
    void (async () => {
      try {
        const { BrowserQRCodeReader } = await import("@zxing/browser");
        const reader = new BrowserQRCodeReader();
        const element = video.current;
        if (!element || stopped()) return;
        state.controls = await reader.decodeFromConstraints(
          { video: { facingMode: "environment" } },
          element,
          (result) => {
            if (!result) return;
            const text = result.getText();
            const now = Date.now();
            if ((seen.get(text) ?? 0) > now - 3_000) return;
            seen.set(text, now);
            latest.current(text);
          },
        );
        if (stopped()) state.controls.stop();
      } catch (cause) {
        setError(cause instanceof Error ? cause.message : cameraFailed);
        setRunning(false);
      }
    })();
    return () => {
      state.stopped = true;
      state.controls?.stop();
    };
  }, [running, cameraFailed]);

  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        onClick={() => {
          setError(null);
          setRunning((value) => !value);
        }}
        className="rounded-lg bg-slate-900 px-4 py-3 text-base font-semibold text-white"
      >
        {running ? t("stopCamera") : t("startCamera")}
      </button>
      {running ? (
        <video
          ref={video}
          muted
          playsInline
          data-testid="door-camera"
          className="aspect-square w-full max-w-sm rounded-lg bg-black object-cover"
        />
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
