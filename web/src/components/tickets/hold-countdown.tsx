"use client";

import { CountdownTimer } from "../countdown-timer";
import { useCountdown } from "../use-countdown";

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
      Held for <CountdownTimer remainingMs={remaining} className="min-w-[8ch] font-semibold" />
    </span>
  );
}
