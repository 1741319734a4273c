import { z } from "zod";
import { dateTime } from "../http/date-time";
import { text } from "../http/text";

/**
 * One scan at a door. The ticket comes as the QR code's text (`code`), the reference printed
 * under it as typed (`reference`), or the id picked from a search (`ticketId`): exactly one.
 */
const door = {
  /** The show this door admits to. */
  scheduleId: z.uuid(),
  /** The staff device's name for its gate, e.g. "North 2". */
  gate: text().min(1).max(50),
};

// Strict objects, one per way of naming the ticket: the published schema says "exactly one".
export const checkInRequestSchema = z.union([
  z.strictObject({ ...door, code: z.string().min(1).max(400) }),
  z.strictObject({ ...door, reference: z.string().min(1).max(40) }),
  z.strictObject({ ...door, ticketId: z.uuid() }),
]);
export type CheckInRequest = z.infer<typeof checkInRequestSchema>;

export const checkInOutcomes = [
  "ADMITTED",
  "ALREADY_ADMITTED",
  "WRONG_SHOW",
  "NOT_VALID",
  "INVALID",
] as const;

const ticketSummarySchema = z.strictObject({
  id: z.uuid(),
  reference: z.string(),
  holderName: z.string(),
  seat: z.strictObject({ row: z.int(), column: z.int(), gradeName: z.string() }),
  show: z.strictObject({ scheduleId: z.uuid(), performanceName: z.string(), startsAt: dateTime }),
});

/** What the door shows: the verdict, and what staff need to act on it. */
export const checkInVerdictSchema = z.strictObject({
  outcome: z.enum(checkInOutcomes),
  /** The ticket, when the scan named one that exists (absent for INVALID). */
  ticket: ticketSummarySchema.optional(),
  /** The admission: this one (ADMITTED) or the earlier one (ALREADY_ADMITTED). */
  checkIn: z.strictObject({ gate: z.string(), scannedAt: dateTime }).optional(),
  /** Why, for NOT_VALID (the reservation's state) and INVALID (what was wrong). */
  reason: z.string().optional(),
});
export type CheckInVerdict = z.infer<typeof checkInVerdictSchema>;
export type TicketSummary = z.infer<typeof ticketSummarySchema>;
