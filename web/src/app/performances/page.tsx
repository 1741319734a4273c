import type { Metadata } from "next";
import { connection } from "next/server";
import { CatalogFiltersForm } from "@/components/catalog/catalog-filters-form";
import { PerformanceCard } from "@/components/performance-card";
import { parseCatalogFilters } from "@/server/performances/catalog-filters";
import { listPerformances } from "@/server/performances/list-performances";

export const metadata: Metadata = { title: "Performances" };

const fieldNames: Record<string, string> = {
  q: "search",
  from: "start date",
  to: "end date",
  sale: "sale filter",
};

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

  return (
    <section aria-labelledby="performances-heading">
      <h1 id="performances-heading" className="mb-6 text-2xl font-bold tracking-tight">
        Performances
      </h1>
      <CatalogFiltersForm filters={filters} />
      {invalid.length > 0 ? (
        <p
          role="alert"
          className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          Ignored an invalid {invalid.map((name) => fieldNames[name] ?? name).join(", ")}.
        </p>
      ) : null}
      <p className="mb-4 text-sm text-slate-600" aria-live="polite">
        {performances.length === 1 ? "1 performance" : `${performances.length} performances`}
        {filtered ? " match your filters" : ""}
      </p>
      {performances.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-slate-600">
          {filtered
            ? "No performances match these filters. Try a wider date range or clear them."
            : "No performances are announced yet."}
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
