"use client";

import { describeCountdown, formatCountdown, useCountdown } from "../use-countdown";

/** Time left on a PENDING hold; says so plainly once it has run out. */
export function HoldCountdown({
  expiresAtMs,
  serverNowMs,
}: {
  expiresAtMs: number;
  serverNowMs: number;
}) {
  const remaining = useCountdown(expiresAtMs, serverNowMs);
  if (remaining === 0) {
    return <span className="font-medium">The hold has run out; the seats are being released.</span>;
  }
  return (
    <span>
      Held for{" "}
      <span
        role="timer"
        aria-label={describeCountdown(remaining)}
        className="inline-block min-w-[8ch] font-mono font-semibold tabular-nums"
      >
        {formatCountdown(remaining)}
      </span>
    </span>
  );
}
