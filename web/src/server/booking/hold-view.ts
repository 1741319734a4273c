import { z } from "zod";

/** A buyer's hold as the API returns it. */
export const holdViewSchema = z.strictObject({
  reservationId: z.uuid(),
  scheduleId: z.uuid(),
  seatIds: z.array(z.uuid()),
  amountMinor: z.int(),
  currency: z.string(),
  holdExpiresAt: z.iso.datetime().describe("The seats are released at this moment unless paid."),
});
export type HoldView = z.infer<typeof holdViewSchema>;
