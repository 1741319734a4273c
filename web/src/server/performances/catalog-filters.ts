import { z } from "zod";
import { text } from "../http/text";

// Only days a month has: 2026-02-30 is refused, not rolled over.
const isoDay = z.iso.date("Use a real date like 2026-12-31.");

/**
 * An empty form field arrives as "": treat it as "no filter" rather than an error. Said
 * in the schema itself (not a preprocess), so the API's document allows it too.
 */
const optional = <Schema extends z.ZodType>(schema: Schema) =>
  z
    .union([z.literal(""), schema])
    .transform((value) => (value === "" ? undefined : (value as z.output<Schema>)))
    .optional();

export const saleFilters = ["on-sale", "opening-soon"] as const;
export type SaleFilter = (typeof saleFilters)[number];

/** The catalog's URL search params: `?q=aurora&from=2026-12-01&to=2026-12-31&sale=on-sale`. */
export const catalogFiltersSchema = z
  .object({
    q: optional(text().trim().max(100, "Use at most 100 characters.")),
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
