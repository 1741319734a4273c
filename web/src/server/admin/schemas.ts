import { z } from "zod";
import { isTimeZone } from "@ticketping/common/format";
import { hallPlanSchema } from "../hall-plan/schemas";
import { NO_NUL, text } from "../http/text";
import { slugSchema } from "../performances/slug";
import {
  defaultCurrency,
  gradeLimits,
  hallLimits,
  maxSeatsPerReservationLimits,
  performanceCurrencies,
  queueLimits,
  runtimeMinutesLimits,
  saleStatuses,
} from "./limits";
import { queueSettingWords, type QueueSettingName } from "./queue-setting-problem";

// Input schemas of the organizer APIs.

const isoDateTime = z.iso
  .datetime({ offset: true, message: "Use an ISO date-time, e.g. 2026-12-31T19:00:00Z." })
  .transform((value) => new Date(value));

const trimmed = (max: number) =>
  text().trim().min(1, "Required.").max(max, `Use at most ${max} characters.`);

/**
 * A whole number within limits, refused in plain words ("At least 1 row.") rather than the
 * validator's. The console's forms say the same in the page's language (fieldErrors.*).
 */
const wholeCount = (
  limits: { readonly min: number; readonly max: number },
  [one, many]: readonly [string, string],
) => {
  const count = (value: number) => `${value.toLocaleString("en-GB")} ${value === 1 ? one : many}`;
  return z
    .int(`Enter a whole number.`)
    .min(limits.min, `At least ${count(limits.min)}.`)
    .max(limits.max, `At most ${count(limits.max)}.`);
};

/** The issue code of a time zone Intl does not know (`details.issues[].code`). */
export const UNKNOWN_TIME_ZONE = "UNKNOWN_TIME_ZONE";

/**
 * The venue's IANA time zone, e.g. "Asia/Seoul": every show time buyers see is on its clock.
 * Stored as Intl spells it ("asia/seoul" becomes "Asia/Seoul").
 */
export const timeZoneSchema = z
  .string()
  .trim()
  .min(1, "Required.")
  .max(64, "Use at most 64 characters.")
  .refine(isTimeZone, {
    message: "Use an IANA time zone, e.g. Asia/Seoul or Europe/Paris.",
    params: { code: UNKNOWN_TIME_ZONE },
  })
  .transform(
    (zone) => new Intl.DateTimeFormat("en-GB", { timeZone: zone }).resolvedOptions().timeZone,
  )
  .describe("The venue's IANA time zone, e.g. `Asia/Seoul`; show times are on its clock.");

export const hallSchema = z.object({
  name: trimmed(200),
  address: trimmed(500),
  rows: wholeCount(hallLimits.rows, ["row", "rows"]),
  columns: wholeCount(hallLimits.columns, ["seat a row", "seats a row"]),
  /** Optional on create: `Asia/Seoul` when left out. */
  timeZone: timeZoneSchema.optional(),
});
export const hallUpdateSchema = hallSchema.partial();

/**
 * A new hall, with its aisles and sections if it has any (its plan is set apart afterwards,
 * `PUT /api/admin/halls/:id/plan`). createHall compares the plan with the hall's size.
 */
export const hallCreateSchema = hallSchema.extend({
  plan: hallPlanSchema
    .optional()
    .describe(
      "The hall's aisles and sections, checked as `PUT /api/admin/halls/{id}/plan` checks them (paths under `plan.`); left out, none.",
    ),
});
export type HallCreate = z.infer<typeof hallCreateSchema>;

/** A path under this site (e.g. /posters/x.svg) or an https URL; empty means none. */
const posterUrlSchema = z.preprocess(
  (value) => (value === "" ? null : value),
  z
    .union([
      z.string().regex(/^\/[A-Za-z0-9/_.-]{1,300}$/, "Use a path like /posters/name.svg."),
      z
        .url({ protocol: /^https$/, message: "Use an https URL." })
        .max(2000)
        .regex(NO_NUL),
    ])
    .nullable(),
);

// Update schemas are built from fields without defaults: zod 4 applies a default inside
// .partial() too, so a PATCH naming one field would reset every defaulted one it left out.
const gradeFields = {
  name: trimmed(50),
  priceMinor: z.int().min(gradeLimits.priceMinor.min).max(gradeLimits.priceMinor.max),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #C0392B."),
  sortOrder: z.int().min(0).max(1000),
};
export const gradeSchema = z.object({
  ...gradeFields,
  sortOrder: gradeFields.sortOrder.default(0),
});
export const gradeUpdateSchema = z.object(gradeFields).partial();

const performanceFields = {
  name: trimmed(200),
  slug: slugSchema,
  description: text().trim().max(5000),
  posterUrl: posterUrlSchema,
  runtimeMinutes: wholeCount(runtimeMinutesLimits, ["minute", "minutes"]),
  ageRating: trimmed(16),
  bookingOpensAt: isoDateTime,
  bookingClosesAt: isoDateTime,
  generalSaleOpensAt: isoDateTime
    .nullable()
    .describe(
      "When set, the sale from bookingOpensAt until then is a presale: only buyers with a presale code enter the line. Strictly after bookingOpensAt and before bookingClosesAt; null: no presale.",
    ),
  saleStatus: z.enum(saleStatuses),
  maxSeatsPerReservation: wholeCount(maxSeatsPerReservationLimits, [
    "seat a booking",
    "seats a booking",
  ]),
  hallId: z.uuid(),
  currency: z
    .enum(performanceCurrencies)
    .describe(
      "ISO 4217 code of every grade's price (priceMinor is in its minor unit: cents for EUR, USD and GBP; KRW and JPY have none). Changes only while the performance has no reservation (CONFLICT, details.reason CURRENCY_LOCKED).",
    ),
};

/** What a new performance gets for the fields its creator left out. */
const performanceDefaults = {
  description: performanceFields.description.default(""),
  posterUrl: performanceFields.posterUrl.default(null),
  saleStatus: performanceFields.saleStatus.default("DRAFT"),
  generalSaleOpensAt: performanceFields.generalSaleOpensAt.default(null),
  maxSeatsPerReservation: performanceFields.maxSeatsPerReservation.default(4),
  // Clients from before the choice keep the one currency they knew.
  currency: performanceFields.currency.default(defaultCurrency),
};

const windowIsOrdered = (value: { bookingOpensAt?: Date; bookingClosesAt?: Date }) =>
  !value.bookingOpensAt || !value.bookingClosesAt || value.bookingOpensAt < value.bookingClosesAt;
const windowMessage = { message: "Booking must close after it opens.", path: ["bookingClosesAt"] };

/** The presale lies strictly inside the booking window (the database's CHECK says the same). */
export function presaleFitsWindow(value: {
  bookingOpensAt?: Date | undefined;
  bookingClosesAt?: Date | undefined;
  generalSaleOpensAt?: Date | null | undefined;
}): boolean {
  const general = value.generalSaleOpensAt;
  if (!general) return true;
  return (
    (!value.bookingOpensAt || general > value.bookingOpensAt) &&
    (!value.bookingClosesAt || general < value.bookingClosesAt)
  );
}
export const presaleWindowMessage =
  "The general sale must open after booking opens and before it closes.";
const presaleMessage = { message: presaleWindowMessage, path: ["generalSaleOpensAt"] };

export const performanceCreateSchema = z
  .object({
    ...performanceFields,
    ...performanceDefaults,
    grades: z
      .array(gradeSchema)
      .min(1, "Add at least one grade.")
      .max(10)
      .refine(
        (grades) => new Set(grades.map((grade) => grade.name.toLowerCase())).size === grades.length,
        "Grade names must differ.",
      ),
  })
  .refine(windowIsOrdered, windowMessage)
  .refine(presaleFitsWindow, presaleMessage);
export type PerformanceCreateInput = z.infer<typeof performanceCreateSchema>;

// Show dates are not inputs: they follow the schedules (see refresh-show-dates.ts).
export const performanceUpdateSchema = z
  .object(performanceFields)
  .partial()
  .refine(windowIsOrdered, windowMessage)
  .refine(presaleFitsWindow, presaleMessage);
export type PerformanceUpdateInput = z.infer<typeof performanceUpdateSchema>;

/** One waiting-room setting, refused in the words the console's form uses. */
function queueSetting(name: QueueSettingName) {
  const number =
    name === "refuseRatio"
      ? z.number({ error: "Enter a number." })
      : z.int({ error: queueSettingWords(name, "whole") });
  return number
    .min(queueLimits[name].min, queueSettingWords(name, "min"))
    .max(queueLimits[name].max, queueSettingWords(name, "max"))
    .nullable();
}

/** Waiting-room tuning. null restores the default (the queue service's, or web's for the proof of work). */
export const queueSettingsSchema = z.object({
  maxActive: queueSetting("maxActive"),
  admitRatePerSec: queueSetting("admitRatePerSec"),
  tokenTtlSeconds: queueSetting("tokenTtlSeconds"),
  refuseRatio: queueSetting("refuseRatio"),
  /** 0 turns the line's proof of work off; null: the server's POW_QUEUE_COMPLEXITY. */
  powComplexity: queueSetting("powComplexity"),
  /**
   * Only buyers with a confirmed email may join the line (true when a performance is
   * made); false lets any signed-in buyer in. Omitted: left as it is.
   */
  requireVerifiedEmail: z.boolean().optional(),
});
export type QueueSettingsInput = z.infer<typeof queueSettingsSchema>;

/** The settings as stored: every field, the email rule included. */
export const queueSettingsAnswerSchema = queueSettingsSchema.extend({
  requireVerifiedEmail: z.boolean(),
});
export type QueueSettings = z.infer<typeof queueSettingsAnswerSchema>;

/** Rows fromRow..toRow (1-based from the stage, inclusive) get this grade. */
const bandSchema = z
  .object({ gradeId: z.uuid(), fromRow: z.int().min(1), toRow: z.int().min(1) })
  .refine((band) => band.fromRow <= band.toRow, {
    message: "The last row is before the first.",
    path: ["toRow"],
  });

export const scheduleCreateSchema = z.object({
  startsAt: isoDateTime,
  bands: z.array(bandSchema).min(1, "Give every row a grade.").max(100),
});
export type ScheduleCreateInput = z.infer<typeof scheduleCreateSchema>;

export const idParamsSchema = z.object({ id: z.uuid() });

export const heldBackSeatsChangeSchema = z.strictObject({
  seatIds: z
    .array(z.uuid())
    .min(1, "Choose at least one seat.")
    .max(1_000, "Choose at most 1,000 seats at a time.")
    .describe("Seats of this show."),
  heldBack: z
    .boolean()
    .describe("true: take the seats off sale (they must be free); false: put them back on sale."),
});
export type HeldBackSeatsChange = z.infer<typeof heldBackSeatsChangeSchema>;
