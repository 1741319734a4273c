"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { PublicSalePhase } from "@/server/performances/sale-phase";
import { CountdownTimer } from "../countdown-timer";
import { useCountdown } from "../use-countdown";

const panelStyles: Record<PublicSalePhase, string> = {
  "on-sale": "border-emerald-200 bg-emerald-50 text-emerald-900",
  upcoming: "border-amber-200 bg-amber-50 text-amber-900",
  "sold-out": "border-slate-200 bg-slate-100 text-slate-800",
  closed: "border-slate-200 bg-slate-100 text-slate-800",
};

/**
 * The sale's live status. Before the sale it counts down to the opening and, at zero,
 * re-renders the page from the server, which then shows the Book buttons.
 */
export function SaleStatusPanel({
  phase,
  opensAtMs,
  closesAtLabel,
  opensAtLabel,
  serverNowMs,
}: {
  phase: PublicSalePhase;
  opensAtMs: number;
  opensAtLabel: string;
  closesAtLabel: string;
  serverNowMs: number;
}) {
  const router = useRouter();
  const remaining = useCountdown(opensAtMs, serverNowMs);
  const refreshed = useRef(false);
  useEffect(() => {
    if (phase === "upcoming" && remaining === 0 && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [phase, remaining, router]);

  return (
    <div className={`rounded-xl border px-4 py-3 ${panelStyles[phase]}`} data-testid="sale-status">
      <p role="status" className="text-base font-semibold">
        {phase === "on-sale" ? "On sale now" : null}
        {phase === "upcoming" ? (remaining > 0 ? "Opening soon" : "Opening now…") : null}
        {phase === "sold-out" ? "Sold out" : null}
        {phase === "closed" ? "Sale closed" : null}
      </p>
      {phase === "upcoming" ? (
        <p className="mt-1 text-sm">
          Opens in{" "}
          <CountdownTimer remainingMs={remaining} className="min-w-[11ch] text-lg font-bold" />
          <span className="block text-xs">{opensAtLabel}</span>
        </p>
      ) : null}
      {phase === "on-sale" ? <p className="mt-1 text-sm">Booking closes {closesAtLabel}</p> : null}
      {phase === "sold-out" ? (
        <p className="mt-1 text-sm">Every seat is taken. Held seats that lapse return to sale.</p>
      ) : null}
      {phase === "closed" ? <p className="mt-1 text-sm">Booking is no longer possible.</p> : null}
    </div>
  );
}
