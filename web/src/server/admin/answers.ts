import { z } from "zod";
import { hallPlanAnswerSchema } from "../hall-plan/schemas";
import { dateTime } from "../http/date-time";
import { gradeFields, performanceFields } from "../performances/performance-fields";
import { queueSettingsAnswerSchema } from "./schemas";
import { saleStatuses } from "./limits";

// Answers of the organizer APIs (their inputs are in schemas.ts).

const saleStatusSchema = z.enum(saleStatuses);

const hallFields = {
  id: z.uuid(),
  name: z.string(),
  address: z.string(),
  rows: z.int(),
  columns: z.int(),
  timeZone: z.string().describe("The venue's IANA time zone, e.g. `Asia/Seoul`."),
};
export const savedHallSchema = z.strictObject(hallFields);
export type SavedHall = z.infer<typeof savedHallSchema>;

/** A new hall answers its plan too, as it was stored (aisles sorted, names trimmed). */
export const createdHallSchema = z.strictObject({ ...hallFields, plan: hallPlanAnswerSchema });
export type CreatedHall = z.infer<typeof createdHallSchema>;

export const adminHallSchema = z.strictObject({ ...hallFields, performanceCount: z.int() });
export type AdminHall = z.infer<typeof adminHallSchema>;

export const adminPerformanceRowSchema = z.strictObject({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  saleStatus: saleStatusSchema,
  hallName: z.string(),
  bookingOpensAt: dateTime,
  bookingClosesAt: dateTime,
  firstShowAt: dateTime,
  lastShowAt: dateTime,
  scheduleCount: z.int(),
});
export type AdminPerformanceRow = z.infer<typeof adminPerformanceRowSchema>;

/** What creating or editing a performance answers: where to find it. */
export const savedPerformanceSchema = z.strictObject({ id: z.uuid(), slug: z.string() });
export type SavedPerformance = z.infer<typeof savedPerformanceSchema>;

export const adminGradeSchema = z.strictObject({
  id: z.uuid(),
  performanceId: z.uuid(),
  name: z.string(),
  priceMinor: z.int(),
  currency: z.string(),
  colour: z.string(),
  sortOrder: z.int(),
});
export type AdminGrade = z.infer<typeof adminGradeSchema>;

export const adminPerformanceSchema = z.strictObject({
  ...performanceFields,
  generalSaleOpensAt: dateTime.nullable(),
  saleStatus: saleStatusSchema,
  maxSeatsPerReservation: z.int(),
  currency: z.string().describe("ISO 4217 code of every grade's price, e.g. `KRW`."),
  hall: z.strictObject({ id: z.uuid(), name: z.string(), rows: z.int(), columns: z.int() }),
  queue: queueSettingsAnswerSchema,
  grades: z.array(
    z.strictObject({
      ...gradeFields,
      sortOrder: z.int(),
      seatCount: z.int(),
    }),
  ),
  schedules: z.array(
    z.strictObject({
      id: z.uuid(),
      startsAt: dateTime,
      seatCount: z.int(),
      reservationCount: z.int(),
    }),
  ),
  reservationCount: z.int(),
});
export type AdminPerformance = z.infer<typeof adminPerformanceSchema>;

export const savedScheduleSchema = z.strictObject({
  id: z.uuid(),
  startsAt: dateTime,
  seatCount: z.int(),
});
export type SavedSchedule = z.infer<typeof savedScheduleSchema>;

export const deletedSchema = z.strictObject({ deleted: z.uuid() });

export const queueStatsSchema = z.strictObject({
  live: z
    .boolean()
    .describe("False when the queue has no live settings in Redis: never used, or idle a while."),
  waiting: z.int().describe("Buyers in line after the sale opened."),
  preQueued: z
    .int()
    .describe(
      "Buyers waiting in a pre-queue: before the opening, or (without a presale code) before the general sale.",
    ),
  active: z.int().describe("Buyers holding a working slot: picking seats or paying."),
  admittedPerMinute: z.number().describe("The queue's smoothed admission rate (about 10 s)."),
  admittedTotal: z.int().describe("Admissions since the queue began."),
  admissionPacePerMinute: z
    .number()
    .describe(
      "The most the queue admits per minute now: the organizer's rate, or less while the " +
        "booking pages answer slowly (the queue's pace controller).",
    ),
});
export type QueueStats = z.infer<typeof queueStatsSchema>;

export const performanceStatsSchema = z.strictObject({
  at: dateTime,
  seats: z.strictObject({
    total: z.int(),
    available: z.int().describe("On sale and free: held-back seats are not counted."),
    held: z.int(),
    sold: z.int(),
    heldBack: z.int().describe("Taken off sale by the organizer (house seats, camera positions)."),
  }),
  revenueMinor: z.int().describe("Sum of CONFIRMED reservations, minor units."),
  currency: z.string(),
  reservations: z.strictObject({ pending: z.int(), confirmed: z.int() }),
  queue: queueStatsSchema
    .nullable()
    .describe("null: the waiting room's figures are unavailable right now."),
});
export type PerformanceStats = z.infer<typeof performanceStatsSchema>;
/** One moment of the console's live charts, as kept in Redis (see record-chart-sample.ts). */
export const chartSampleSchema = z.strictObject({
  at: dateTime,
  sold: z.int().describe("Seats sold."),
  held: z.int().describe("Seats held by buyers, not yet paid."),
  inLine: z.int().nullable().describe("Waiting and pre-queued buyers; null: unavailable then."),
  active: z.int().nullable().describe("Buyers booking at the time; null: unavailable then."),
  admittedPerMinute: z
    .int()
    .nullable()
    .describe("Admissions a minute, rounded; null: unavailable then."),
});
export type ChartSample = z.infer<typeof chartSampleSchema>;
export type ChartSampleJson = z.input<typeof chartSampleSchema>;

/** The same as the stats route sends it (times as ISO strings), for the page that polls it. */
export type PerformanceStatsJson = z.input<typeof performanceStatsSchema>;

export const showSeatStates = ["FREE", "HELD", "SOLD", "HELD_BACK"] as const;

export const showSeatsSchema = z.strictObject({
  scheduleId: z.uuid(),
  rows: z.int(),
  columns: z.int(),
  plan: hallPlanAnswerSchema,
  seats: z
    .array(
      z.strictObject({
        id: z.uuid(),
        row: z.int(),
        column: z.int(),
        state: z
          .enum(showSeatStates)
          .describe(
            "HELD_BACK: off sale by the organizer; buyers see it taken and cannot hold it.",
          ),
      }),
    )
    .describe("Every seat of the show, by row then column."),
});
export type ShowSeats = z.infer<typeof showSeatsSchema>;
