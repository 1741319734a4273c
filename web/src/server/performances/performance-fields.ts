import { z } from "zod";
import { dateTime } from "../http/date-time";

/**
 * A performance's own fields as every answer shows them, the public catalog's and the
 * organizer's alike; each answer adds what only it shows.
 */
export const performanceFields = {
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  posterUrl: z.string().nullable(),
  runtimeMinutes: z.int(),
  ageRating: z.string(),
  bookingOpensAt: dateTime,
  bookingClosesAt: dateTime,
  firstShowAt: dateTime,
  lastShowAt: dateTime,
};

/** A price grade's fields as every answer that lists a performance's grades shows them. */
export const gradeFields = {
  id: z.uuid(),
  name: z.string(),
  priceMinor: z.int(),
  currency: z.string(),
  colour: z.string(),
};
