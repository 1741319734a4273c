"use client";

import { useTranslations } from "next-intl";
import type { QueueProgress } from "@ticketping/common/queue/client";
import { CountdownTimer } from "../countdown-timer";
import { useCountdown } from "../use-countdown";

const tone: Record<QueueProgress["phase"], string> = {
  unknown: "bg-slate-100 text-slate-700",
  pre: "bg-amber-100 text-amber-900",
  open: "bg-emerald-100 text-emerald-900",
  sold_out: "bg-slate-200 text-slate-800",
  closed: "bg-slate-200 text-slate-800",
};

/** The sale's phase as the queue service last reported it, live. */
export function SalePhaseLine({ progress }: { progress: QueueProgress | null }) {
  const t = useTranslations("queue");
  const phase = progress?.phase ?? "unknown";
  return (
    <p
      data-testid="queue-phase"
      data-phase={phase}
      className={`inline-flex min-h-8 items-center rounded-full px-3 py-1 text-sm font-semibold ${tone[phase]}`}
    >
      {phase === "pre" && progress ? (
        <PreSaleCountdown opensAt={progress.opensAt} serverNow={progress.at} />
      ) : null}
      {phase === "open" ? t("phaseOpen") : null}
      {phase === "sold_out" ? t("phaseSoldOut") : null}
      {phase === "closed" ? t("phaseClosed") : null}
      {phase === "unknown" ? t("phaseUnknown") : null}
    </p>
  );
}

function PreSaleCountdown({ opensAt, serverNow }: { opensAt: number; serverNow: number }) {
  const t = useTranslations("queue");
  const remaining = useCountdown(opensAt, serverNow);
  return remaining > 0 ? (
    <span>
      {t("saleOpensIn")} <CountdownTimer remainingMs={remaining} className="min-w-[8ch]" />
    </span>
  ) : (
    <span>{t("openingNow")}</span>
  );
}
