import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { CatalogFiltersForm } from "@/components/catalog/catalog-filters-form";
import { PerformanceCard } from "@/components/performance-card";
import { parseCatalogFilters } from "@/server/performances/catalog-filters";
import { listPerformances } from "@/server/performances/list-performances";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalog"))("title") };
}

const fieldKeys = {
  q: "field_q",
  from: "field_from",
  to: "field_to",
  sale: "field_sale",
} as const;

export default async function PerformancesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // The catalog depends on the clock and on stock: render per request, never at build.
  await connection();
  const { filters, invalid } = parseCatalogFilters(await searchParams);
  const performances = await listPerformances({ filters });
  const filtered = Boolean(filters.q ?? filters.from ?? filters.to ?? filters.sale);
  const t = await getTranslations("catalog");

  return (
    <section aria-labelledby="performances-heading">
      <h1 id="performances-heading" className="mb-6 text-2xl font-bold tracking-tight">
        {t("title")}
      </h1>
      <CatalogFiltersForm filters={filters} />
      {invalid.length > 0 ? (
        <p
          role="alert"
          className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {t("invalidFilters", {
            fields: invalid
              .map((name) =>
                name in fieldKeys ? t(fieldKeys[name as keyof typeof fieldKeys]) : name,
              )
              .join(", "),
          })}
        </p>
      ) : null}
      <p className="mb-4 text-sm text-slate-600" aria-live="polite">
        {t(filtered ? "countFiltered" : "count", { count: performances.length })}
      </p>
      {performances.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-slate-600">
          {filtered ? t("noneFiltered") : t("none")}
        </p>
      ) : (
        <ul className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {performances.map((performance, index) => (
            <li key={performance.id}>
              {/* The first row at the widest layout (three columns) is in view at once. */}
              <PerformanceCard performance={performance} priority={index < 3} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
