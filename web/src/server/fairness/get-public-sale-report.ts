import "server-only";
import { createRememberedLookup } from "@ticketping/common/cache";
import { getSaleReport } from "./get-sale-report";
import type { SaleReport } from "./report-schemas";

// A closed sale's report changes only if the sale reopens: a crowd checking it shares one
// computation (and one write of the kept copy) per performance every few seconds. Refusals
// (REPORT_NOT_PUBLIC while the sale runs) are not remembered.
const publicReports = createRememberedLookup<string, SaleReport>({
  load: (performanceId) => getSaleReport({ performanceId, audience: "public" }),
  ttlMs: 10_000,
  maxEntries: 64,
});

/** The sale's fairness report as the public sees it: only once the sale has closed. */
export function getPublicSaleReport({
  performanceId,
}: {
  performanceId: string;
}): Promise<SaleReport> {
  return publicReports.get(performanceId);
}
