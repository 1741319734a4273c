import type { PerformanceSummary } from "@/server/performances/list-performances";
import { formatDateRange, formatDateTime, formatMoney } from "./format";
import { SalePhaseBadge } from "./sale-phase-badge";

export function PerformanceCard({ performance }: { performance: PerformanceSummary }) {
  return (
    <article
      className="flex flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
      data-testid="performance-card"
    >
      <div className="aspect-[3/4] bg-slate-200">
        {performance.posterUrl ? (
          // Posters are local SVGs of known size; next/image adds nothing for them.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={performance.posterUrl}
            alt={`Poster of ${performance.name}`}
            width={300}
            height={400}
            className="h-full w-full object-cover"
          />
        ) : null}
      </div>
      <div className="flex flex-1 flex-col gap-2 p-4">
        <SalePhaseBadge phase={performance.phase} />
        <h2 className="text-lg font-semibold leading-snug">{performance.name}</h2>
        <p className="text-sm text-slate-600">{performance.hallName}</p>
        <p className="text-sm text-slate-600">
          {formatDateRange(performance.firstShowAt, performance.lastShowAt)}
        </p>
        {performance.phase === "upcoming" ? (
          <p className="text-sm font-medium text-amber-700">
            Sale opens {formatDateTime(performance.bookingOpensAt)}
          </p>
        ) : null}
        {performance.priceFromMinor !== null && performance.currency ? (
          <p className="mt-auto text-sm font-medium">
            from {formatMoney(performance.priceFromMinor, performance.currency)}
          </p>
        ) : null}
      </div>
    </article>
  );
}
