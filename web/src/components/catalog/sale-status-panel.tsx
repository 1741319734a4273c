"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { PublicSalePhase } from "@/server/performances/sale-phase";
import { CountdownTimer } from "../countdown-timer";
import { useCountdown } from "../use-countdown";

const panelStyles: Record<PublicSalePhase, string> = {
  "on-sale": "border-emerald-200 bg-emerald-50 text-emerald-900",
  upcoming: "border-amber-200 bg-amber-50 text-amber-900",
  "sold-out": "border-slate-200 bg-slate-100 text-slate-800",
  cancelled: "border-rose-200 bg-rose-50 text-rose-900",
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
  const t = useTranslations("saleStatus");
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
        {phase === "on-sale" ? t("onSaleNow") : null}
        {phase === "upcoming" ? (remaining > 0 ? t("openingSoon") : t("openingNow")) : null}
        {phase === "sold-out" ? t("soldOut") : null}
        {phase === "cancelled" ? t("cancelled") : null}
        {phase === "closed" ? t("closed") : null}
      </p>
      {phase === "upcoming" ? (
        <p className="mt-1 text-sm">
          {t("opensIn")}{" "}
          <CountdownTimer remainingMs={remaining} className="min-w-[11ch] text-lg font-bold" />
          <span className="block text-xs">{opensAtLabel}</span>
        </p>
      ) : null}
      {phase === "upcoming" ? (
        <p className="mt-2 text-sm" data-testid="pre-queue-note">
          {untilPreQueue > 0
            ? t("preQueueLater", { time: preQueueOpensAtLabel })
            : t("preQueueOpen")}
        </p>
      ) : null}
      {phase === "on-sale" ? (
        <p className="mt-1 text-sm">{t("closes", { time: closesAtLabel })}</p>
      ) : null}
      {phase === "sold-out" ? <p className="mt-1 text-sm">{t("soldOutNote")}</p> : null}
      {phase === "cancelled" ? <p className="mt-1 text-sm">{t("cancelledNote")}</p> : null}
      {phase === "closed" ? <p className="mt-1 text-sm">{t("closedNote")}</p> : null}
    </div>
  );
}
