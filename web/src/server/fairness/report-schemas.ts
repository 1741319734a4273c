import { z } from "zod";
import { dateTime } from "../http/date-time";

// A sale's fairness report (docs/fairness.md, "The fairness report").

const count = z.int().nonnegative();
const seconds = z.number().nonnegative();

export const saleReportFiguresSchema = z.strictObject({
  openedAt: dateTime.nullable().describe("When the sale opened; null before."),
  entrants: count.describe("Buyers who entered the line or the pre-queue."),
  preQueued: count.describe(
    "Buyers shuffled from the pre-queue into the line at the opening (and, after a presale, at the general sale).",
  ),
  generalSale: z
    .strictObject({
      openedAt: dateTime.describe("When the general sale opened after the presale."),
      preQueued: count.describe(
        "Buyers without a presale code shuffled from the general sale's pre-queue into the line, behind the presale's buyers.",
      ),
    })
    .nullable()
    // Reports kept before the general sale had its own round carry no such field.
    .default(null)
    .describe("The general sale's round after a presale; null before it or without a presale."),
  admitted: count.describe("Admissions from the line to the seat map."),
  outOfOrder: z
    .strictObject({
      count: count.describe("Admissions of a buyer after someone who joined behind them."),
      largestInPlaces: count.describe(
        "The largest such inversion, in sequence numbers (at most that many places).",
      ),
      largestInSeconds: seconds.describe(
        "The largest such inversion in time: how long after someone from behind the buyer was admitted.",
      ),
    })
    .describe("The line admits in order: any inversion here is a fault."),
  refusals: z
    .record(z.string(), count)
    .describe("Buyers turned away at the line, by reason (the queue's refusal codes)."),
  proofOfWork: z
    .strictObject({ solved: count, failed: count })
    .describe("Proof-of-work solutions at this line's door, accepted and refused."),
  workingSet: z
    .strictObject({
      max: count.describe("The most buyers ever admitted at once."),
      limit: count.nullable().describe("The working set's limit in the sale's settings now."),
    })
    .describe("The working set's maximum against its limit."),
  waitSeconds: z
    .strictObject({ p50: seconds, p90: seconds, p99: seconds, max: seconds })
    .nullable()
    .describe(
      "Admitted buyers' wait from joining the line (the pre-queue: from the opening) to admission, to within a second; null before any admission.",
    ),
  soldOutAfterSeconds: seconds
    .nullable()
    .describe("From the opening to the last seat sold; null while any seat is unsold."),
  recordComplete: z
    .boolean()
    .describe(
      "False when the sale outgrew its record (500,000 entries) and figures from it are partial.",
    ),
});
export type SaleReportFigures = z.infer<typeof saleReportFiguresSchema>;

export const saleReportSchema = z.strictObject({
  performanceId: z.uuid(),
  final: z
    .boolean()
    .describe("True once the sale has closed (public from then on); live figures before."),
  generatedAt: dateTime,
  ...saleReportFiguresSchema.shape,
});
export type SaleReport = z.infer<typeof saleReportSchema>;

export const saleReportAnswerSchema = z.strictObject({ report: saleReportSchema });
