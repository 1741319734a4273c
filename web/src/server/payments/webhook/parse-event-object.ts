import type { z } from "zod";
import { AppError } from "@ticketping/common/errors";

/** The event's object in the shape we know, or 400 VALIDATION_FAILED. */
export function parseEventObject<Schema extends z.ZodType>(
  schema: Schema,
  object: unknown,
  eventId: string,
): z.infer<Schema> {
  const result = schema.safeParse(object);
  if (!result.success) {
    // Signed by Stripe yet not the shape we know: answer 400 so it shows in Stripe's
    // dashboard as failing, rather than 200 for something we did not record.
    throw new AppError("VALIDATION_FAILED", `webhook ${eventId}: unexpected object`, {
      details: { issues: result.error.issues.map((issue) => issue.path.join(".")) },
    });
  }
  return result.data;
}
