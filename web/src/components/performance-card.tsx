import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
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
  const locale = useLocale();
  const t = useTranslations("catalog");
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
          {formatDateRange(performance.firstShowAt, performance.lastShowAt, locale)}
        </p>
        {performance.phase === "upcoming" ? (
          <p className="text-sm font-medium text-amber-700">
            {t("saleOpens", { time: formatDateTime(performance.bookingOpensAt, locale) })}
          </p>
        ) : null}
        {performance.priceFromMinor !== null && performance.currency ? (
          <p className="mt-auto text-sm font-medium">
            {t("priceFrom", {
              price: formatMoney(performance.priceFromMinor, performance.currency, locale),
            })}
          </p>
        ) : null}
      </div>
    </article>
  );
}
