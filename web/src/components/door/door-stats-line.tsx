"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { apiRequest } from "../api-client";

interface Stats {
  sold: number;
  admitted: number;
  byGate: { gate: string; admitted: number }[];
}

/** Admitted of sold, and per gate, refreshed every 5 s while online. */
export function DoorStatsLine({ scheduleId, paused }: { scheduleId: string; paused: boolean }) {
  const t = useTranslations("door");
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => {
    if (paused) return;
    let live = true;
    const load = () =>
      apiRequest<Stats>(`/api/check-in/stats?scheduleId=${scheduleId}`)
        .then((next) => {
          if (live) setStats(next);
        })
        .catch(() => undefined);
    void load();
    const timer = setInterval(() => void load(), 5_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [scheduleId, paused]);
  if (!stats) return null;
  return (
    <p className="text-sm text-slate-700" data-testid="door-stats">
      {t.rich("stats", {
        admitted: stats.admitted,
        sold: stats.sold,
        strong: (chunks) => <span className="font-semibold tabular-nums">{chunks}</span>,
      })}
      {stats.byGate.length > 0
        ? ` · ${stats.byGate.map((gate) => `${gate.gate}: ${gate.admitted}`).join(" · ")}`
        : ""}
    </p>
  );
}
