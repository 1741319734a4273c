import { z } from "zod";
import { holdViewSchema } from "./hold-view";

// Inputs and answers of the booking APIs (seat map, holds).

export const scheduleParamsSchema = z.object({ scheduleId: z.uuid() });

/** How many seats one request may name at most; the performance's own limit is lower. */
export const MAX_SEATS_PER_REQUEST = 50;

export const holdRequestSchema = z.object({
  seatIds: z.array(z.uuid()).min(1).max(MAX_SEATS_PER_REQUEST),
});

export const openHoldSchema = z.strictObject({ hold: holdViewSchema.nullable() });
