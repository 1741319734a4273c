import { z } from "zod";
import { performanceFairnessSchema } from "../fairness/schemas";
import { dateTime } from "../http/date-time";
import { gradeFields, performanceFields } from "./performance-fields";
import { publicSalePhases } from "./sale-phase";
import { slugSchema } from "./slug";

// Inputs and answers of the public catalog APIs.

export const performanceParamsSchema = z.object({ slug: slugSchema });

const salePhaseSchema = z
  .enum(publicSalePhases)
  .describe(
    "What a buyer can do now: upcoming, on-sale, sold-out, cancelled (every show of the performance was cancelled) or closed.",
  );

export const performanceSummarySchema = z.strictObject({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  posterUrl: z.string().nullable(),
  hallName: z.string(),
  firstShowAt: dateTime,
  lastShowAt: dateTime,
  bookingOpensAt: dateTime,
  bookingClosesAt: dateTime,
  priceFromMinor: z.int().nullable(),
  currency: z.string().nullable(),
  phase: salePhaseSchema,
});
export type PerformanceSummary = z.infer<typeof performanceSummarySchema>;

export const performanceListSchema = z.strictObject({
  performances: z.array(performanceSummarySchema),
});

export const performanceDetailSchema = z.strictObject({
  ...performanceFields,
  maxSeatsPerReservation: z.int(),
  generalSaleOpensAt: dateTime
    .nullable()
    .describe(
      "When set, the sale from bookingOpensAt until then is a presale: only buyers with a presale code enter the line (`presaleCode` of `POST /api/queue/ticket`). null: no presale.",
    ),
  phase: salePhaseSchema,
  asOf: dateTime.describe("The instant `phase` was worked out for; countdowns start from it."),
  hall: z.strictObject({
    name: z.string(),
    address: z.string(),
    rows: z.int(),
    columns: z.int(),
    timeZone: z
      .string()
      .describe("The hall's IANA time zone: show times are on its clock (e.g. `Asia/Seoul`)."),
  }),
  grades: z.array(
    z.strictObject({
      ...gradeFields,
    }),
  ),
  schedules: z.array(
    z.strictObject({
      id: z.uuid(),
      startsAt: dateTime,
      totalSeats: z.int(),
      availableSeats: z.int().describe("Seats a buyer can book now: 0 once the show is cancelled."),
      cancelledAt: dateTime
        .nullable()
        .describe(
          "When the organizer cancelled this show; null while it takes place. A cancelled show cannot be booked (holds are refused `SALE_CLOSED`, `details.reason` SHOW_CANCELLED).",
        ),
    }),
  ),
  fairness: performanceFairnessSchema.describe(
    "The commitments to the pre-queues' shuffles; the reveal is at `GET /api/performances/{slug}/fairness`.",
  ),
});
export type PerformanceDetail = z.infer<typeof performanceDetailSchema>;

export const performanceAnswerSchema = z.strictObject({ performance: performanceDetailSchema });
