"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import type { ChartSampleJson, PerformanceStatsJson } from "@/server/admin/answers";
import { chartHistory } from "@/server/admin/chart-history";
import { toChartSample } from "@/server/admin/to-chart-sample";
import { apiRequest, ApiError } from "../api-client";
import { useErrorText } from "../use-error-text";
import { formatMoney } from "../format";
import { LineChart } from "./line-chart";

const POLL_SECONDS = chartHistory.intervalSeconds;
const SAMPLES = chartHistory.samples;

const WINDOW_MS = SAMPLES * POLL_SECONDS * 1_000;

/**
 * The charts' points: a null where polls stopped for a while (nobody watched), so the
 * lines break there rather than join two moments minutes apart.
 */
function withGaps(samples: ChartSampleJson[]): (ChartSampleJson | null)[] {
  const points: (ChartSampleJson | null)[] = [];
  let previous: number | null = null;
  for (const sample of samples) {
    const at = Date.parse(sample.at);
    if (previous !== null && at - previous > 2 * POLL_SECONDS * 1_000) points.push(null);
    points.push(sample);
    previous = at;
  }
  return points.slice(-SAMPLES);
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/**
 * Live numbers of one performance: polled every few seconds; the last samples drawn as
 * charts. The charts start from the samples the server kept (its stats reads, this
 * organizer's and others'), so a reload keeps them; live polls append after those.
 */
export function LiveStats({ performanceId }: { performanceId: string }) {
  const t = useTranslations("organizer.live");
  const locale = useLocale();
  const errorText = useErrorText();
  const [samples, setSamples] = useState<ChartSampleJson[]>([]);
  const history = useQuery({
    queryKey: ["admin", "performance-chart-history", performanceId],
    queryFn: async () => {
      const answer = await apiRequest<{ samples: ChartSampleJson[] }>(
        `/api/admin/performances/${performanceId}/stats/history`,
      );
      // Set before the first poll is allowed to run, so live samples always come after;
      // older than the charts' window, a sample would be drawn at the wrong time.
      const since = Date.now() - WINDOW_MS;
      setSamples(answer.samples.filter((sample) => Date.parse(sample.at) >= since));
      return answer.samples;
    },
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const query = useQuery({
    queryKey: ["admin", "performance-stats", performanceId],
    queryFn: async () => {
      const { stats } = await apiRequest<{ stats: PerformanceStatsJson }>(
        `/api/admin/performances/${performanceId}/stats`,
      );
      // Appending here rather than in an effect keeps exactly one entry per fetch.
      setSamples((current) => [...current, toChartSample(stats)].slice(-SAMPLES));
      return stats;
    },
    // Without a history (unreadable), the charts start empty as before.
    enabled: !history.isPending,
    refetchInterval: POLL_SECONDS * 1000,
    refetchIntervalInBackground: false,
    // Every poll must produce a sample; a cached answer would draw a flat line.
    staleTime: 0,
    gcTime: 0,
  });

  const latest = query.data;
  const number = (value: number | undefined) =>
    value === undefined ? "–" : value.toLocaleString("en-GB");
  const queue = latest?.queue;
  const queueUnavailable = latest !== undefined && queue === null;
  const points = withGaps(samples);

  return (
    <div className="flex flex-col gap-4">
      <div className="min-h-5 text-sm" aria-live="polite">
        {query.error ? (
          <p className="font-medium text-red-700">
            {t("failed", {
              reason: query.error instanceof ApiError ? `: ${errorText(query.error)}` : "",
            })}
          </p>
        ) : null}
      </div>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" aria-live="polite" aria-atomic="false">
        <Figure label={t("sold")} value={number(latest?.seats.sold)} testId="stat-sold" />
        <Figure label={t("held")} value={number(latest?.seats.held)} testId="stat-held" />
        <Figure
          label={t("available")}
          value={number(latest?.seats.available)}
          testId="stat-available"
        />
        <Figure
          label={t("revenue")}
          value={latest ? formatMoney(latest.revenueMinor, latest.currency, locale) : "–"}
          testId="stat-revenue"
        />
        <Figure
          label={t("waiting")}
          value={latest && queue ? number(toChartSample(latest).inLine ?? 0) : "–"}
          testId="stat-waiting"
        />
        <Figure
          label={t("booking")}
          value={queue ? number(queue.active) : "–"}
          testId="stat-active"
        />
        <Figure
          label={t("admitted")}
          value={queue ? number(Math.round(queue.admittedPerMinute)) : "–"}
          testId="stat-admitted"
        />
        <Figure
          label={t("pending")}
          value={number(latest?.reservations.pending)}
          testId="stat-pending"
        />
      </dl>
      {queue && !queue.live ? (
        <p className="text-sm text-slate-600" data-testid="queue-idle">
          {t("idle")}
        </p>
      ) : null}
      {queueUnavailable ? (
        <p
          className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="queue-stats-unavailable"
        >
          {t("unavailable")}
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <LineChart
          title={t("seatsChart")}
          sampleCount={SAMPLES}
          intervalSeconds={POLL_SECONDS}
          series={[
            {
              label: t("soldLine"),
              colour: "#059669",
              values: points.map((point) => point?.sold ?? null),
            },
            {
              label: t("heldLine"),
              colour: "#d97706",
              values: points.map((point) => point?.held ?? null),
            },
          ]}
        />
        <LineChart
          title={t("queueChart")}
          sampleCount={SAMPLES}
          intervalSeconds={POLL_SECONDS}
          series={[
            {
              label: t("waiting"),
              colour: "#e11d48",
              values: points.map((point) => point?.inLine ?? null),
            },
            {
              label: t("booking"),
              colour: "#2563eb",
              values: points.map((point) => point?.active ?? null),
            },
            {
              label: t("admitted"),
              colour: "#7c3aed",
              values: points.map((point) => point?.admittedPerMinute ?? null),
            },
          ]}
        />
      </div>
    </div>
  );
}
