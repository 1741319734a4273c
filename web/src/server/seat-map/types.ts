import { z } from "zod";
import { hallPlanAnswerSchema } from "../hall-plan/schemas";

/** A seat in the layout: [seatId, row, column, index into grades]. Compact: halls are big. */
export const layoutSeatSchema = z.tuple([
  z.uuid().describe("seat id"),
  z.int().min(1).describe("row, from the stage"),
  z.int().min(1).describe("column"),
  z.int().min(0).describe("index into grades"),
]);
export type LayoutSeat = z.infer<typeof layoutSeatSchema>;

export const layoutGradeSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  priceMinor: z.int(),
  currency: z.string(),
  colour: z.string().describe('"#RRGGBB"'),
});
export type LayoutGrade = z.infer<typeof layoutGradeSchema>;

/**
 * What never changes while a schedule is on sale (short of an organizer edit, which
 * invalidates the cache): the hall grid, grades and prices, and every seat's place.
 */
export const seatMapLayoutSchema = z.strictObject({
  scheduleId: z.uuid(),
  performanceId: z.uuid(),
  performanceName: z.string(),
  performanceSlug: z.string(),
  hallName: z.string(),
  timeZone: z.string().describe("The hall's IANA time zone: the show time is on its clock."),
  /** ISO 8601 */
  startsAt: z.iso.datetime(),
  rows: z.int(),
  columns: z.int(),
  maxSeatsPerReservation: z.int(),
  cancelledAt: z.iso
    .datetime()
    .nullable()
    .describe(
      "When the organizer cancelled this show (ISO 8601); null while it takes place. The seats' status still reads as before, but no hold is taken (`SALE_CLOSED`, `details.reason` SHOW_CANCELLED).",
    ),
  grades: z.array(layoutGradeSchema),
  seats: z.array(layoutSeatSchema).describe("Ordered by row, then column."),
  plan: hallPlanAnswerSchema
    .optional()
    .describe(
      "The hall's aisles and sections, drawn on the map; absent from a layout cached before halls had them (draw none).",
    ),
});
export type SeatMapLayout = z.infer<typeof seatMapLayoutSchema>;

/** One character per seat, in layout order. */
export type SeatStatusCode = "A" | "H" | "S";

const seatMapFields = {
  version: z
    .string()
    .regex(/^\d{1,20}$/)
    .describe("Changes with every hold, release, sale and expiry; also the answer's ETag."),
  build: z
    .string()
    .describe("Identifies the layout; send it back in x-seat-map-build to be spared the layout."),
  status: z
    .string()
    .regex(/^[AHS]*$/)
    .describe("`status[i]` is the state of `layout.seats[i]`: A available, H held, S sold."),
};

/** The API's answer: `layout` is null when the client said it has this build. */
export const seatMapResponseSchema = z.strictObject({
  ...seatMapFields,
  layout: seatMapLayoutSchema.nullable(),
});
export type SeatMapResponse = z.infer<typeof seatMapResponseSchema>;

/** A seat map with its layout, as a client keeps it between polls. */
export type SeatMapView = SeatMapResponse & { layout: SeatMapLayout };
