import { z } from "zod";

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-31.")
  // Round-tripping catches days a month does not have (2026-02-30 would roll over).
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "Not a real date.");

/** An empty form field arrives as "": treat it as "no filter" rather than an error. */
const optional = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const saleFilters = ["on-sale", "opening-soon"] as const;
export type SaleFilter = (typeof saleFilters)[number];

/** The catalog's URL search params: `?q=aurora&from=2026-12-01&to=2026-12-31&sale=on-sale`. */
export const catalogFiltersSchema = z
  .object({
    q: optional(z.string().trim().max(100, "Use at most 100 characters.")),
    from: optional(isoDay),
    to: optional(isoDay),
    sale: optional(z.enum(saleFilters)),
  })
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, {
    message: "The end date is before the start date.",
    path: ["to"],
  });

export type CatalogFilters = z.infer<typeof catalogFiltersSchema>;

/**
 * For pages: keeps every valid filter and reports the invalid ones, so a mistyped date
 * narrows nothing instead of failing the whole page.
 */
export function parseCatalogFilters(params: Record<string, string | string[] | undefined>): {
  filters: CatalogFilters;
  invalid: string[];
} {
  const flat: Record<string, string> = {};
  for (const key of ["q", "from", "to", "sale"] as const) {
    const value = params[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) flat[key] = first;
  }
  const result = catalogFiltersSchema.safeParse(flat);
  if (result.success) return { filters: result.data, invalid: [] };
  const invalid = [...new Set(result.error.issues.map((issue) => String(issue.path[0])))];
  for (const key of invalid) Reflect.deleteProperty(flat, key);
  const retry = catalogFiltersSchema.safeParse(flat);
  return { filters: retry.success ? retry.data : {}, invalid };
}
