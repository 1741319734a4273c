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

export const doorQuerySchema = z.object({ scheduleId: z.uuid() });

export const doorSearchQuerySchema = z.object({
  scheduleId: z.uuid(),
  /** A holder's name or email (any part), or a seat as "R3-12" or "3-12". */
  q: text().trim().min(2).max(100),
});

export const doorTicketSchema = z.strictObject({
  id: z.uuid(),
  reference: z.string(),
  holderName: z.string(),
  seat: z.strictObject({ row: z.int(), column: z.int(), gradeName: z.string() }),
  /** Its reservation is CONFIRMED and its seat not refunded: the ticket admits. */
  valid: z.boolean(),
  checkIn: z.strictObject({ gate: z.string(), scannedAt: dateTime }).nullable(),
});
export type DoorTicketRow = z.infer<typeof doorTicketSchema>;

export const doorStatsSchema = z.strictObject({
  /** Valid tickets of the show. */
  sold: z.int(),
  admitted: z.int(),
  byGate: z.array(z.strictObject({ gate: z.string(), admitted: z.int() })),
});
export type DoorStats = z.infer<typeof doorStatsSchema>;

/** Scans a door made without the network, sent when it is back: at most 150 a request (the 16 KB body limit). */
export const offlineScansSchema = z.strictObject({
  scheduleId: z.uuid(),
  gate: text().min(1).max(50),
  scans: z
    .array(z.strictObject({ ticketId: z.uuid(), scannedAt: z.iso.datetime() }))
    .min(1)
    .max(150),
});

export const offlineScanResultsSchema = z.strictObject({
  results: z.array(
    z.strictObject({
      ticketId: z.uuid(),
      outcome: z.enum(checkInOutcomes),
      /** For ALREADY_ADMITTED: the admission that came first (its gate and time). */
      checkIn: z.strictObject({ gate: z.string(), scannedAt: dateTime }).optional(),
      reason: z.string().optional(),
    }),
  ),
});
export type OfflineScanResults = z.infer<typeof offlineScanResultsSchema>;
