import Link from "next/link";
import { useTranslations } from "next-intl";
import type { CatalogFilters } from "@/server/performances/catalog-filters";
import { buttonClass, inputClass, secondaryButtonClass } from "../form/field";

const saleOptions = [
  { value: "", label: "saleAny" },
  { value: "on-sale", label: "saleOnSale" },
  { value: "opening-soon", label: "saleOpeningSoon" },
] as const;

/**
 * A plain GET form: filters live in the URL, so results can be shared, bookmarked and
 * reached with the back button, and the page works before any JavaScript loads.
 */
export function CatalogFiltersForm({ filters }: { filters: CatalogFilters }) {
  const t = useTranslations("catalog");
  const active = Boolean(filters.q ?? filters.from ?? filters.to ?? filters.sale);
  return (
    <form
      method="get"
      action="/performances"
      role="search"
      aria-label={t("searchLabel")}
      className="mb-8 grid grid-cols-1 gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr]"
    >
      <div className="flex flex-col gap-1 sm:col-span-2 lg:col-span-1">
        <label htmlFor="catalog-q" className="text-sm font-medium">
          {t("searchByName")}
        </label>
        <input
          id="catalog-q"
          name="q"
          type="search"
          defaultValue={filters.q ?? ""}
          maxLength={100}
          placeholder={t("searchPlaceholder")}
          className={inputClass}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="catalog-from" className="text-sm font-medium">
          {t("showsFrom")}
        </label>
        <input
          id="catalog-from"
          name="from"
          type="date"
          defaultValue={filters.from ?? ""}
          className={inputClass}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="catalog-to" className="text-sm font-medium">
          {t("showsUntil")}
        </label>
        <input
          id="catalog-to"
          name="to"
          type="date"
          defaultValue={filters.to ?? ""}
          className={inputClass}
        />
      </div>
      <fieldset className="flex flex-col gap-1 sm:col-span-2 lg:col-span-2">
        <legend className="mb-1 text-sm font-medium">{t("sale")}</legend>
        <div className="flex flex-wrap gap-2">
          {saleOptions.map((option) => (
            <label
              key={option.value}
              className="cursor-pointer rounded-full border border-slate-300 px-3 py-1.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:font-semibold has-[:checked]:text-brand-700 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500"
            >
              <input
                type="radio"
                name="sale"
                value={option.value}
                defaultChecked={(filters.sale ?? "") === option.value}
                className="sr-only"
              />
              {t(option.label)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass}>
          {t("apply")}
        </button>
        {active ? (
          <Link href="/performances" className={secondaryButtonClass}>
            {t("clear")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
