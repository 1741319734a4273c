import Link from "next/link";
import type { PerformanceSummary } from "@/server/performances/schemas";
import { formatDateRange, formatDateTime, formatMoney } from "./format";
import { Poster } from "./poster";
import { SalePhaseBadge } from "./sale-phase-badge";

export function PerformanceCard({
  performance,
  priority = false,
}: {
  performance: PerformanceSummary;
  /** Above the fold: its poster loads at once (it is the page's largest paint). */
  priority?: boolean;
}) {
  return (
    <article
      className="group relative flex h-full flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm transition-shadow focus-within:ring-2 focus-within:ring-brand-500 hover:shadow-md"
      data-testid="performance-card"
    >
      <Poster url={performance.posterUrl} name={performance.name} priority={priority} />
      <div className="flex flex-1 flex-col gap-2 p-4">
        <SalePhaseBadge phase={performance.phase} />
        <h2 className="text-lg font-semibold leading-snug">
          {/* The stretched link makes the whole card clickable with one tab stop. */}
          <Link
            href={`/performances/${performance.slug}`}
            className="after:absolute after:inset-0 focus-visible:outline-none group-hover:text-brand-700"
          >
            {performance.name}
          </Link>
        </h2>
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
