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
 * The sale's live status. Before the sale it counts down to the opening, says when the
 * pre-queue opens and what it means, and re-renders the page from the server when the
 * pre-queue opens and when the sale does, so the buttons follow.
 */
export function SaleStatusPanel({
  phase,
  opensAtMs,
  closesAtLabel,
  opensAtLabel,
  preQueueOpensAtMs,
  preQueueOpensAtLabel,
  serverNowMs,
}: {
  phase: PublicSalePhase;
  opensAtMs: number;
  opensAtLabel: string;
  closesAtLabel: string;
  preQueueOpensAtMs: number;
  preQueueOpensAtLabel: string;
  serverNowMs: number;
}) {
  const router = useRouter();
  const remaining = useCountdown(opensAtMs, serverNowMs);
  const untilPreQueue = useCountdown(preQueueOpensAtMs, serverNowMs);
  const preQueueWasOpen = useRef(preQueueOpensAtMs <= serverNowMs);
  const refreshed = useRef(false);
  useEffect(() => {
    if (phase !== "upcoming") return;
    if (remaining === 0 && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    } else if (untilPreQueue === 0 && !preQueueWasOpen.current) {
      preQueueWasOpen.current = true;
      router.refresh();
    }
  }, [phase, remaining, untilPreQueue, router]);

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
      {phase === "upcoming" ? (
        <p className="mt-2 text-sm" data-testid="pre-queue-note">
          {untilPreQueue > 0
            ? `The waiting room opens ${preQueueOpensAtLabel}. Everyone who joins it before the sale opens gets a random place in line at the opening, so there is no need to rush at the second.`
            : "The waiting room is open: join now. Everyone in it gets a random place in line when the sale opens, so coming early or at the last minute makes no difference."}
        </p>
      ) : null}
      {phase === "on-sale" ? <p className="mt-1 text-sm">Booking closes {closesAtLabel}</p> : null}
      {phase === "sold-out" ? (
        <p className="mt-1 text-sm">
          Every seat is taken. Seats that come back go to each show's waitlist.
        </p>
      ) : null}
      {phase === "closed" ? <p className="mt-1 text-sm">Booking is no longer possible.</p> : null}
    </div>
  );
}
